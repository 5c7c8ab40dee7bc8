# Shell functions to find a JDK of a given major version or newer; sourced by ./sluice and ./mvnw.

# Prints the major version of the JDK at $1, or nothing when it is not a JDK.
jdk_major() {
  local release="$1/release" v
  [ -x "$1/bin/java" ] && [ -f "$release" ] || return 0
  v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$release")
  v=${v#1.}
  echo "${v%%[.+_-]*}"
}

# Prints the home of a JDK whose major version is $1 or newer: SLUICE_JAVA_HOME or JAVA_HOME when
# new enough, otherwise the newest JDK found in the usual places; prints nothing when there is none.
find_jdk() {
  local candidates=() dir best="" best_major=0 major
  [ -n "${SLUICE_JAVA_HOME:-}" ] && candidates+=("$SLUICE_JAVA_HOME")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
             "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  for dir in "${candidates[@]}"; do
    major=$(jdk_major "$dir")
    [ -n "$major" ] || continue
    # An explicitly chosen JDK wins when it is new enough; otherwise take the newest found.
    if [ "$major" -ge "$1" ] && { [ "$dir" = "${SLUICE_JAVA_HOME:-}" ] || [ "$dir" = "${JAVA_HOME:-}" ]; }; then
      echo "$dir"; return
    fi
    if [ "$major" -gt "$best_major" ]; then best="$dir"; best_major="$major"; fi
  done
  [ "$best_major" -ge "$1" ] && echo "$best"
  return 0
}

# The one-line explanation shown when find_jdk finds nothing.
no_jdk_message() {
  echo "Sluice needs a JDK $1 or newer, and none was found (looked at SLUICE_JAVA_HOME, JAVA_HOME, java on PATH and /usr/lib/jvm); install one, or set SLUICE_JAVA_HOME to it"
}
