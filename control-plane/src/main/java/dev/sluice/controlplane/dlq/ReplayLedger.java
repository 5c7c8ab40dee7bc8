package dev.sluice.controlplane.dlq;

import dev.sluice.controlplane.store.AdvisoryLocks;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@code dlq_replays} table: which dead letters were replayed, keyed by the dead-letter
 * topic's id and their position there. Static helpers on the caller's handle, so that a replay
 * checks, writes and records inside one transaction.
 */
final class ReplayLedger {

  private ReplayLedger() {}

  /**
   * Holds the replay lock until the transaction ends: replays run one at a time, so a dead letter
   * found not replayed stays so until this transaction records it.
   */
  static void lock(Handle h) {
    h.createUpdate("select pg_advisory_xact_lock(:lock)")
        .bind("lock", AdvisoryLocks.DLQ_REPLAY)
        .execute();
  }

  /** The replays of any of {@code positions} in the dead-letter topic {@code topicId}. */
  static Map<DlqPosition, Replay> find(Handle h, String topicId,
      Collection<DlqPosition> positions) {
    if (positions.isEmpty()) {
      return Map.of();
    }
    Map<DlqPosition, Replay> found = new LinkedHashMap<>();
    h.createQuery("select r.* from dlq_replays r join unnest(cast(:partitions as int[]), "
            + "cast(:offsets as bigint[])) as wanted(p, o) "
            + "on r.dlq_partition = wanted.p and r.dlq_offset = wanted.o "
            + "where r.dlq_topic_id = :topicId order by r.dlq_partition, r.dlq_offset")
        .bind("topicId", topicId)
        .bindArray("partitions", Integer.class,
            positions.stream().map(DlqPosition::partition).toList())
        .bindArray("offsets", Long.class, positions.stream().map(DlqPosition::offset).toList())
        .map(ReplayLedger::replay)
        .forEach(r -> found.put(r.from(), r));
    return found;
  }

  /** Records {@code replays} of the dead letters of stream {@code namespace/name}. */
  static void insert(Handle h, String namespace, String name, String topicId,
      List<Replay> replays) {
    if (replays.isEmpty()) {
      return;
    }
    PreparedBatch batch = h.prepareBatch("insert into dlq_replays (dlq_topic_id, dlq_partition, "
        + "dlq_offset, namespace, name, target_topic, target_partition, target_offset, "
        + "replayed_by, replayed_at) values (:topicId, :partition, :offset, :namespace, :name, "
        + ":topic, :targetPartition, :targetOffset, :by, :at)");
    for (Replay r : replays) {
      batch.bind("topicId", topicId).bind("partition", r.from().partition())
          .bind("offset", r.from().offset()).bind("namespace", namespace).bind("name", name)
          .bind("topic", r.topic()).bind("targetPartition", r.partition())
          .bind("targetOffset", r.offset()).bind("by", r.by())
          .bind("at", Timestamp.from(r.at())).add();
    }
    batch.execute();
  }

  private static Replay replay(ResultSet row, StatementContext context) throws SQLException {
    return new Replay(new DlqPosition(row.getInt("dlq_partition"), row.getLong("dlq_offset")),
        row.getString("target_topic"), row.getInt("target_partition"),
        row.getLong("target_offset"), row.getString("replayed_by"),
        row.getTimestamp("replayed_at").toInstant());
  }
}
