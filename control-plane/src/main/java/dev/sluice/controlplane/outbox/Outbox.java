package dev.sluice.controlplane.outbox;

import dev.sluice.controlplane.store.AdvisoryLocks;
import java.time.Duration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The transactional outbox: events bound for Kafka, written in the same transaction as the change
 * they describe, and relayed by the {@link OutboxPublisher}.
 *
 * <p>{@link #append} takes a transaction-scoped advisory lock ({@link
 * AdvisoryLocks#OUTBOX_APPEND}) before inserting, so transactions that write the outbox commit one
 * after another from that point on and rows become visible strictly in id order: the publisher
 * never sees row 11 before row 10 commits. Append as the last step of a transaction, after the row
 * locks it needs, so that the lock is held briefly and cannot take part in a deadlock. Thread-safe.
 */
public final class Outbox {

  /** The {@code LISTEN}/{@code NOTIFY} channel that wakes the publisher after a commit. */
  public static final String CHANNEL = "sluice_outbox";

  private final Jdbi jdbi;

  public Outbox(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Adds an event to the caller's transaction; it is published after the transaction commits and
   * dropped if it rolls back.
   *
   * @param handle a handle inside a transaction
   * @param topic the Kafka topic
   * @param key the record key
   * @param value the record value, or {@code null} for a tombstone
   * @throws IllegalStateException when the handle is not inside a transaction
   */
  public static void append(Handle handle, String topic, String key, byte[] value) {
    lockForAppend(handle);
    handle.createUpdate("insert into outbox (topic, key, value) values (:topic, :key, :value)")
        .bind("topic", topic)
        .bind("key", key)
        .bind("value", value)
        .execute();
    // Delivered at commit; several in one transaction are folded into one.
    handle.createUpdate("select pg_notify(:channel, '')")
        .bind("channel", CHANNEL)
        .execute();
  }

  /**
   * Takes the append lock now rather than at the first {@link #append}: for a transaction that
   * reads the state it is about to append, so that no other change to it commits in between. Held
   * until the transaction ends.
   *
   * @throws IllegalStateException when the handle is not inside a transaction
   */
  public static void lockForAppend(Handle handle) {
    requireTransaction(handle);
    handle.createUpdate("select pg_advisory_xact_lock(:lock)")
        .bind("lock", AdvisoryLocks.OUTBOX_APPEND)
        .execute();
  }

  private static void requireTransaction(Handle handle) {
    if (!handle.isInTransaction()) {
      throw new IllegalStateException("outbox rows are appended inside the transaction of the change "
          + "they describe; call append from jdbi.inTransaction or useTransaction");
    }
  }

  /** Wakes every publisher waiting for a notification, such as one that is being closed. */
  void wakePublishers() {
    jdbi.useHandle(h -> h.createUpdate("select pg_notify(:channel, '')")
        .bind("channel", CHANNEL)
        .execute());
  }

  /**
   * How long the oldest unpublished event has waited; zero when none waits. Unlike the count it
   * does not flap with every change, so it suits a readiness check ("behind by more than 10 s").
   */
  public Duration oldestUnpublishedAge() {
    long micros = jdbi.withHandle(h -> h.createQuery("select coalesce(cast(extract(epoch from "
            + "clock_timestamp() - min(created_at)) * 1000000 as bigint), 0) from outbox "
            + "where published_at is null")
        .mapTo(Long.class)
        .one());
    return Duration.ofNanos(Math.max(0, micros) * 1000);
  }

  /** How many events wait to be published: the publisher's lag, for readiness checks. */
  public long unpublishedCount() {
    return jdbi.withHandle(h -> h.createQuery("select count(*) from outbox where published_at is null")
        .mapTo(Long.class)
        .one());
  }
}
