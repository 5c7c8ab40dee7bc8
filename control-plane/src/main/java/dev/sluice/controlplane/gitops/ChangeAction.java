package dev.sluice.controlplane.gitops;

import java.util.Locale;

/** What an apply does, or would do, to one stream. */
public enum ChangeAction {
  /** The stream does not exist and is created. */
  CREATE,
  /** The stream exists with another definition or state and gets a new revision. */
  UPDATE,
  /** The stream exists as the document says; nothing is written. */
  UNCHANGED,
  /** The stream is owned by the set, no document names it any more, and prune is on. */
  DELETE;

  /** The action as written in the API and the CLI: {@code create}, {@code update}... */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
