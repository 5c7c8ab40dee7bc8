package dev.sluice.controlplane.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** What a token may do, within its namespaces. */
public enum Role {
  /** Reads streams, revisions, status, workers and plugins. */
  VIEWER("viewer", EnumSet.of(Action.READ)),
  /** Also changes streams and secrets. */
  EDITOR("editor", EnumSet.of(Action.READ, Action.WRITE)),
  /** Everything, including tokens, the audit log and republishing. */
  ADMIN("admin", EnumSet.allOf(Action.class));

  private final String word;
  private final Set<Action> actions;

  Role(String word, Set<Action> actions) {
    this.word = word;
    this.actions = actions;
  }

  /** The role as written in the database, the API and the CLI. */
  public String word() {
    return word;
  }

  boolean allows(Action action) {
    return actions.contains(action);
  }

  /**
   * The role written as {@code word}.
   *
   * @throws IllegalArgumentException naming the roles there are, when {@code word} is none of them
   */
  public static Role fromWord(String word) {
    return Arrays.stream(values()).filter(r -> r.word.equals(word)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "role '" + word + "' does not exist; use viewer, editor or admin"));
  }
}
