package dev.sluice.controlplane.scheduler;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.sluice.controlplane.store.ControlPlaneDatabase;
import dev.sluice.proto.v1.Assignment;
import dev.sluice.testkit.EmbeddedPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Test data for scheduling: streams, revisions and workers written straight into the tables, and
 * readers for assignments and their outbox events.
 */
public final class SchedulingFixtures {

  private SchedulingFixtures() {}

  /** A fresh, migrated database of its own on the shared server. */
  public static ControlPlaneDatabase open(EmbeddedPostgres postgres, String database) {
    return ControlPlaneDatabase.open(postgres.createDatabase(database), null, null);
  }

  /** Empties every table the scheduler and registry touch. */
  public static void reset(Jdbi jdbi) {
    jdbi.useHandle(handle -> handle.execute("""
        truncate streams, stream_revisions, assignments, workers, instance_status,
                 instance_events, instance_epochs, outbox restart identity"""));
  }

  /** Saves {@code revision} of a stream and makes it current. */
  public static void putStream(
      Jdbi jdbi, String namespace, String name, long revision, String state, int parallelism) {
    putStream(jdbi, namespace, name, revision, state, """
        {"apiVersion":"sluice.dev/v1","kind":"Stream","metadata":{"name":"%s","namespace":"%s"},\
        "spec":{"state":"%s","parallelism":%d}}""".formatted(name, namespace, state, parallelism));
  }

  /** Saves {@code revision} with the given definition (null: invalid) and makes it current. */
  public static void putStream(Jdbi jdbi, String namespace, String name, long revision,
      String state, String definitionJson) {
    jdbi.useTransaction(handle -> {
      handle.createUpdate("""
              insert into stream_revisions
                  (namespace, name, revision, document, definition_json, state, created_by)
              values (:namespace, :name, :revision, '{}', :definition, :state, 'test')""")
          .bind("namespace", namespace)
          .bind("name", name)
          .bind("revision", revision)
          .bind("definition", definitionJson)
          .bind("state", state)
          .execute();
      handle.createUpdate("""
              insert into streams (namespace, name, revision, state, valid)
              values (:namespace, :name, :revision, :state, :valid)
              on conflict (namespace, name) do update
              set revision = excluded.revision, state = excluded.state, valid = excluded.valid""")
          .bind("namespace", namespace)
          .bind("name", name)
          .bind("revision", revision)
          .bind("state", state)
          .bind("valid", definitionJson != null)
          .execute();
    });
  }

  /** Changes the desired state of the current revision, as pause and resume would. */
  public static void setState(Jdbi jdbi, String namespace, String name, String state) {
    jdbi.useHandle(handle -> handle.createUpdate(
            "update streams set state = :state where namespace = :namespace and name = :name")
        .bind("state", state)
        .bind("namespace", namespace)
        .bind("name", name)
        .execute());
  }

  /** Deletes a stream, keeping its revisions. */
  public static void deleteStream(Jdbi jdbi, String namespace, String name) {
    jdbi.useHandle(handle -> handle.createUpdate(
            "delete from streams where namespace = :namespace and name = :name")
        .bind("namespace", namespace)
        .bind("name", name)
        .execute());
  }

  /** Registers (or renews) worker {@code id}, also its name, with a lease ending in {@code left}. */
  public static void putWorker(Jdbi jdbi, String id, Duration left) {
    jdbi.useHandle(handle -> handle.createUpdate("""
            insert into workers (id, name, host, version, capacity, lease_expires_at)
            values (:id, :id, 'test-host', 'test', 0, now() + :ms * interval '1 millisecond')
            on conflict (id) do update set lease_expires_at = excluded.lease_expires_at""")
        .bind("id", id)
        .bind("ms", left.toMillis())
        .execute());
  }

  /** Lets the lease of worker {@code id} lapse {@code ago}. */
  public static void expireWorker(Jdbi jdbi, String id, Duration ago) {
    putWorker(jdbi, id, ago.negated());
  }

  /** The assignments table, by {@code namespace/name/instance}. */
  public static Map<String, Assignment> assignments(Jdbi jdbi) {
    Map<String, Assignment> assignments = new TreeMap<>();
    jdbi.useHandle(handle -> handle.createQuery(
            "select namespace, name, instance, worker_id, epoch, revision from assignments")
        .map((rs, ctx) -> Assignment.newBuilder()
            .setNamespace(rs.getString("namespace"))
            .setName(rs.getString("name"))
            .setInstance(rs.getInt("instance"))
            .setWorkerId(rs.getString("worker_id"))
            .setEpoch(rs.getLong("epoch"))
            .setRevision(rs.getLong("revision"))
            .build())
        .forEach(a -> assignments.put(a.getNamespace() + "/" + a.getName() + "/" + a.getInstance(),
            a)));
    return assignments;
  }

  /** The {@code sluice.assignments} events in the outbox, in id order. */
  public static List<OutboxEvent> outbox(Jdbi jdbi) {
    return jdbi.withHandle(handle -> handle.createQuery(
            "select id, topic, key, value from outbox order by id")
        .map((rs, ctx) -> new OutboxEvent(rs.getLong("id"), rs.getString("topic"),
            rs.getString("key"), parse(rs.getBytes("value"))))
        .list());
  }

  private static Assignment parse(byte[] value) {
    try {
      return value == null ? null : Assignment.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("an outbox value is not an Assignment", e);
    }
  }

  /**
   * One outbox row.
   *
   * @param value the assignment, or {@code null} for a tombstone
   */
  public record OutboxEvent(long id, String topic, String key, Assignment value) {}
}
