package dev.sluice.definitions;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean ...?" for misspelt keys and names. */
final class Suggestions {

  private Suggestions() {}

  /** The candidate closest to {@code typed}, if it is close enough to be a likely typo. */
  static Optional<String> closest(String typed, Collection<String> candidates) {
    int limit = Math.max(1, typed.length() / 3);
    return candidates.stream()
        .filter(c -> distance(typed, c) <= limit)
        .min(Comparator.comparingInt(c -> distance(typed, c)));
  }

  /** A sentence listing what is allowed, with a suggestion first when one is close. */
  static String hint(String typed, Collection<String> allowed) {
    String choices = allowed.isEmpty() ? "none are known" : "use one of: " + String.join(", ", allowed);
    return closest(typed, allowed).map(s -> "did you mean '" + s + "'? " + choices).orElse(choices);
  }

  /** Edit distance counting an adjacent swap ("kafak" for "kafka") as one edit. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
