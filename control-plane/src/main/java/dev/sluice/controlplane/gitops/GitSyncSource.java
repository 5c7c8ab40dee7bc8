package dev.sluice.controlplane.gitops;

import dev.sluice.api.config.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Git repository the control plane follows: the stream files under {@code path} on {@code
 * branch} are applied, with prune, as apply set {@code git:<name>} every {@code interval}.
 *
 * @param name identifies the sync in its status and apply set; a DNS label
 * @param url anything JGit can fetch from: {@code https://...}, {@code ssh://...}, a local path
 * @param branch the branch to follow
 * @param path the directory in the repository whose {@code *.yaml} and {@code *.yml} files (at
 *     any depth) are the set; {@code ""} for the whole repository
 * @param interval how long to wait between two syncs
 * @param username the user name for HTTPS, or {@code null}
 * @param passwordSecret the secret ({@code namespace/name} in the secret store) that holds the
 *     password or access token for HTTPS, or {@code null} for none
 */
public record GitSyncSource(String name, String url, String branch, String path, Duration interval,
    String username, String passwordSecret) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Set<String> KEYS = Set.of("name", "url", "branch", "path", "interval", "username",
      "password-secret");
  private static final String EXAMPLE = "name=shop,url=https://git.example.com/shop/streams.git,branch=main,"
      + "path=streams,interval=1m,username=sluice,password-secret=ops/git-token";

  public GitSyncSource {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("git sync name '" + name + "' is not valid: use a DNS label such as shop");
    }
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("git sync " + name + " needs url=, the repository to follow");
    }
    if (passwordSecret != null && !passwordSecret.matches("[^/]+/[^/]+")) {
      throw new IllegalArgumentException("git sync " + name + ": password-secret '" + passwordSecret
          + "' must name a secret as namespace/name, for example ops/git-token");
    }
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("git sync " + name + ": interval " + interval + " is too short; "
          + "use 1s or more");
    }
    path = path.replaceAll("^/+|/+$", "");
  }

  /** The apply set the sync applies as: {@code git:<name>}. */
  public String applySet() {
    return ApplyService.GIT_SYNC_PREFIX + name;
  }

  /** The URL without user info, which may hold a password: for logs, messages and the status. */
  public String redactedUrl() {
    return url.replaceFirst("//[^/@]*@", "//");
  }

  /**
   * Reads {@code key=value,...}, as {@code sluice coordinator --git-sync} takes it: {@code name}
   * and {@code url} are required; {@code branch} (default main), {@code path} (default the whole
   * repository), {@code interval} (default 1m), {@code username} and {@code password-secret} are
   * optional.
   *
   * @throws IllegalArgumentException naming the key and the fix when the text is not valid
   */
  public static GitSyncSource parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair.strip() : pair.substring(0, eq).strip();
      if (eq < 0 || !KEYS.contains(key)) {
        throw new IllegalArgumentException("git sync '" + text + "': '" + pair + "' is not one of "
            + "name=, url=, branch=, path=, interval=, username=, password-secret=; for example " + EXAMPLE);
      }
      values.put(key, pair.substring(eq + 1).strip());
    }
    String interval = values.getOrDefault("interval", "1m");
    return new GitSyncSource(values.get("name"), values.get("url"), values.getOrDefault("branch", "main"),
        values.getOrDefault("path", ""),
        Durations.parse(interval).orElseThrow(() -> new IllegalArgumentException("git sync '" + text
            + "': interval '" + interval + "' is not a duration; write it as 30s, 5m or 1h")),
        values.get("username"), values.get("password-secret"));
  }
}
