package dev.sluice.controlplane.gitops;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a git sync last did.
 *
 * @param source the repository, branch, path and interval it follows
 * @param lastCommit the commit last applied, or {@code null} before the first success
 * @param lastSyncedAt when it was applied, or {@code null}
 * @param lastAttemptAt when the last attempt ended, or {@code null} before the first
 * @param error why the last attempt failed (nothing was applied then), or {@code null}
 * @param drift the streams whose changes were held back by the last sync because they were changed
 *     outside the repository, as {@code namespace/name}
 * @param summary counts of the last sync: created, updated, deleted, unchanged, heldBack
 */
public record GitSyncStatus(GitSyncSource source, String lastCommit, Instant lastSyncedAt,
    Instant lastAttemptAt, String error, List<String> drift, Map<String, Long> summary) {

  public GitSyncStatus {
    drift = List.copyOf(drift);
    summary = Map.copyOf(summary);
  }
}
