package dev.sluice.controlplane.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The publisher's statements, run on its dedicated connection in auto-commit mode: the advisory
 * lock that makes it the active publisher, {@code LISTEN}, reading unpublished rows and marking
 * them published. Not thread-safe; used by the publisher's thread only.
 */
final class OutboxRows {

  /** One event to relay. */
  record Row(long id, String topic, String key, byte[] value) {}

  private final Connection connection;

  OutboxRows(Connection connection) {
    this.connection = connection;
  }

  /** Takes the session lock if free; {@code false} when another session holds it. */
  boolean tryLock(long key) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
      statement.setLong(1, key);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getBoolean(1);
      }
    }
  }

  void listen(String channel) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("listen " + channel);
    }
  }

  /** Up to {@code limit} unpublished rows, oldest first. */
  List<Row> unpublished(int limit) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "select id, topic, key, value from outbox where published_at is null order by id limit ?")) {
      statement.setInt(1, limit);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3), result.getBytes(4)));
        }
      }
    }
    return rows;
  }

  void markPublished(List<Row> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
    Array array = connection.createArrayOf("bigint", ids);
    try (PreparedStatement statement = connection.prepareStatement(
        "update outbox set published_at = now() where id = any(?)")) {
      statement.setArray(1, array);
      statement.executeUpdate();
    } finally {
      array.free();
    }
  }
}
