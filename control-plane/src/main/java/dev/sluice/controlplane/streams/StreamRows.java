package dev.sluice.controlplane.streams;

import dev.sluice.api.definition.DesiredState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The SQL over {@code streams} (one row per existing stream, pointing at its current revision) and
 * {@code stream_revisions} (every revision ever saved, kept when a stream is deleted). Stateless;
 * every method runs on the caller's handle.
 */
final class StreamRows {

  /** A stream's key. */
  record Key(String namespace, String name) {}

  private static final String CURRENT = "select s.namespace, s.name, s.revision, s.state, s.valid, "
      + "r.document, r.definition_json, s.created_at, s.updated_at, r.created_by, "
      + "r.created_at as revision_created_at "
      + "from streams s join stream_revisions r using (namespace, name, revision) ";

  private StreamRows() {}

  /**
   * The current revision of an existing stream, its row locked until the transaction ends. The
   * lock is taken on {@code streams} alone and the revision read afterwards: a locking join would
   * re-check a row that a concurrent change moved to a new revision against the old revision row
   * and find nothing.
   */
  static Optional<StoredRevision> lockCurrent(Handle h, String namespace, String name) {
    return h.createQuery("select revision from streams where namespace = :namespace and name = :name "
            + "for update")
        .bind("namespace", namespace)
        .bind("name", name)
        .mapTo(Long.class)
        .findOne()
        .map(revision -> revision(h, namespace, name, revision).orElseThrow());
  }

  /** One past the highest revision the stream ever had, so numbers survive a delete. */
  static long nextRevision(Handle h, String namespace, String name) {
    return h.createQuery("select coalesce(max(revision), 0) + 1 from stream_revisions "
            + "where namespace = :namespace and name = :name")
        .bind("namespace", namespace)
        .bind("name", name)
        .mapTo(Long.class)
        .one();
  }

  /** Inserts the stream row; {@code false} when the stream exists already. */
  static boolean insertStream(Handle h, StoredRevision revision) {
    return h.createUpdate("insert into streams (namespace, name, revision, state, valid, created_at, "
            + "updated_at) values (:namespace, :name, :revision, :state, :valid, :at, :at) "
            + "on conflict (namespace, name) do nothing")
        .bindMethods(revision)
        .bind("state", revision.state().word())
        .bind("at", revision.createdAt())
        .execute() == 1;
  }

  /** Points the stream row at a new current revision. */
  static void updateStream(Handle h, StoredRevision revision) {
    h.createUpdate("update streams set revision = :revision, state = :state, valid = :valid, "
            + "updated_at = :at where namespace = :namespace and name = :name")
        .bindMethods(revision)
        .bind("state", revision.state().word())
        .bind("at", revision.createdAt())
        .execute();
  }

  static void insertRevision(Handle h, StoredRevision revision) {
    h.createUpdate("insert into stream_revisions (namespace, name, revision, document, definition_json, "
            + "state, created_by, created_at) values (:namespace, :name, :revision, :document, "
            + ":definitionJson, :state, :createdBy, :createdAt)")
        .bindMethods(revision)
        .bind("state", revision.state().word())
        .execute();
  }

  static void deleteStream(Handle h, String namespace, String name) {
    h.createUpdate("delete from streams where namespace = :namespace and name = :name")
        .bind("namespace", namespace)
        .bind("name", name)
        .execute();
  }

  static Optional<StoredStream> find(Handle h, String namespace, String name) {
    return h.createQuery(CURRENT + "where namespace = :namespace and name = :name")
        .bind("namespace", namespace)
        .bind("name", name)
        .map(StreamRows::stream)
        .findOne();
  }

  /** Existing streams, by namespace then name; all namespaces when {@code namespace} is null. */
  static List<StoredStream> list(Handle h, String namespace) {
    return h.createQuery(CURRENT + "where cast(:namespace as text) is null or namespace = :namespace "
            + "order by namespace, name")
        .bind("namespace", namespace)
        .map(StreamRows::stream)
        .list();
  }

  /** The current revision of every existing stream, by namespace then name. */
  static List<StoredRevision> currentRevisions(Handle h) {
    return h.createQuery(CURRENT + "order by namespace, name")
        .map(StreamRows::revision)
        .list();
  }

  /** Streams that have revisions but no longer exist, by namespace then name. */
  static List<Key> deleted(Handle h) {
    return h.createQuery("select distinct namespace, name from stream_revisions r where not exists "
            + "(select 1 from streams s where s.namespace = r.namespace and s.name = r.name) "
            + "order by namespace, name")
        .map((row, ctx) -> new Key(row.getString("namespace"), row.getString("name")))
        .list();
  }

  static List<RevisionSummary> revisions(Handle h, String namespace, String name) {
    return h.createQuery("select revision, state, definition_json is not null as valid, created_by, "
            + "created_at from stream_revisions where namespace = :namespace and name = :name "
            + "order by revision")
        .bind("namespace", namespace)
        .bind("name", name)
        .map((row, ctx) -> new RevisionSummary(row.getLong("revision"), state(row),
            row.getBoolean("valid"), row.getString("created_by"), instant(row, "created_at")))
        .list();
  }

  static Optional<StoredRevision> revision(Handle h, String namespace, String name, long revision) {
    return h.createQuery("select *, created_at as revision_created_at from stream_revisions "
            + "where namespace = :namespace and name = :name and revision = :revision")
        .bind("namespace", namespace)
        .bind("name", name)
        .bind("revision", revision)
        .map(StreamRows::revision)
        .findOne();
  }

  private static StoredStream stream(ResultSet row, StatementContext context) throws SQLException {
    return new StoredStream(row.getString("namespace"), row.getString("name"), row.getLong("revision"),
        state(row), row.getBoolean("valid"), row.getString("document"), row.getString("definition_json"),
        instant(row, "created_at"), instant(row, "updated_at"));
  }

  private static StoredRevision revision(ResultSet row, StatementContext context) throws SQLException {
    return new StoredRevision(row.getString("namespace"), row.getString("name"), row.getLong("revision"),
        row.getString("document"), row.getString("definition_json"), state(row),
        row.getString("created_by"), instant(row, "revision_created_at"));
  }

  private static DesiredState state(ResultSet row) throws SQLException {
    String word = row.getString("state");
    return Arrays.stream(DesiredState.values()).filter(s -> s.word().equals(word)).findFirst()
        .orElseThrow(() -> new IllegalStateException("unknown stream state in the database: " + word));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    return row.getObject(column, OffsetDateTime.class).toInstant();
  }
}
