package dev.sluice.controlplane.gitops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The SQL over {@code git_sync_status}: one row per sync, written after every attempt, so that
 * every control plane on the database answers the same status. Thread-safe.
 */
final class GitSyncStatusRows {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Long>> SUMMARY = new TypeReference<>() {};

  private final Jdbi jdbi;

  GitSyncStatusRows(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Records a successful sync of {@code commit}. */
  void synced(String name, String commit, Instant at, List<String> drift, Map<String, Long> summary) {
    jdbi.useHandle(h -> h.createUpdate("insert into git_sync_status (name, last_commit, last_synced_at, "
            + "last_attempt_at, error, drift, summary) values (:name, :commit, :at, :at, null, :drift, "
            + "cast(:summary as jsonb)) on conflict (name) do update set last_commit = excluded.last_commit, "
            + "last_synced_at = excluded.last_synced_at, last_attempt_at = excluded.last_attempt_at, "
            + "error = null, drift = excluded.drift, summary = excluded.summary")
        .bind("name", name)
        .bind("commit", commit)
        .bind("at", Timestamp.from(at))
        .bindArray("drift", String.class, drift)
        .bind("summary", json(summary))
        .execute());
  }

  /** Records a failed attempt; what was synced before stays as it was. */
  void failed(String name, Instant at, String error) {
    jdbi.useHandle(h -> h.createUpdate("insert into git_sync_status (name, last_attempt_at, error) "
            + "values (:name, :at, :error) on conflict (name) do update set "
            + "last_attempt_at = excluded.last_attempt_at, error = excluded.error")
        .bind("name", name)
        .bind("at", Timestamp.from(at))
        .bind("error", error)
        .execute());
  }

  /** The status of {@code source}; all empty before its first attempt. */
  GitSyncStatus status(GitSyncSource source) {
    return jdbi.withHandle(h -> h.createQuery("select * from git_sync_status where name = :name")
        .bind("name", source.name())
        .map((row, ctx) -> new GitSyncStatus(source, row.getString("last_commit"),
            instant(row.getTimestamp("last_synced_at")), instant(row.getTimestamp("last_attempt_at")),
            row.getString("error"), Arrays.asList((String[]) row.getArray("drift").getArray()),
            summary(row.getString("summary"))))
        .findOne())
        .orElseGet(() -> new GitSyncStatus(source, null, null, null, null, List.of(), Map.of()));
  }

  private static Instant instant(Timestamp timestamp) {
    return Optional.ofNullable(timestamp).map(Timestamp::toInstant).orElse(null);
  }

  private static String json(Map<String, Long> summary) {
    try {
      return JSON.writeValueAsString(summary);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a summary is a map of counts", e);
    }
  }

  private static Map<String, Long> summary(String json) {
    try {
      return JSON.readValue(json, SUMMARY);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("git_sync_status.summary holds invalid JSON: " + e.getMessage(), e);
    }
  }
}
