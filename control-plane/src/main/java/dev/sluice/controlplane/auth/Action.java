package dev.sluice.controlplane.auth;

/** The kinds of request a {@link Role} may or may not make. */
public enum Action {
  /** Reading streams, revisions, status, secret names, workers, plugins. */
  READ,
  /** Creating, changing and deleting streams and secrets. */
  WRITE,
  /** Managing tokens, reading the audit log, republishing: installation-wide, admins only. */
  ADMINISTER
}
