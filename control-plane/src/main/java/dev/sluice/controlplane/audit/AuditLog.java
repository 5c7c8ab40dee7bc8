package dev.sluice.controlplane.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Who changed what, and when. Services write an entry in the transaction of each change, so the
 * log holds exactly the changes that happened. Callers must never put a secret value in the
 * detail: it is stored in clear and shown to admins. Thread-safe.
 */
public final class AuditLog {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {};
  private static final int MAX_PAGE = 1000;

  private final Jdbi jdbi;

  public AuditLog(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Adds an entry to the caller's transaction.
   *
   * @param namespace the namespace of the object changed, or {@code null}
   * @param name the name of the object changed, or {@code null}
   * @param detail JSON-serialisable values; no secret values
   */
  public static void record(Handle handle, String actor, String action, String namespace, String name,
      Map<String, ?> detail) {
    handle.createUpdate("insert into audit_log (actor, action, namespace, name, detail) "
            + "values (:actor, :action, :namespace, :name, cast(:detail as jsonb))")
        .bind("actor", actor)
        .bind("action", action)
        .bind("namespace", namespace)
        .bind("name", name)
        .bind("detail", toJson(detail))
        .execute();
  }

  /**
   * Entries newest first.
   *
   * @param namespace only entries about this namespace, or every entry when empty
   * @param beforeId only entries older than this id (the last id of the previous page), or
   *     {@code null} for the newest
   * @param limit at most this many, from 1 to 1000
   */
  public List<AuditEntry> list(Optional<String> namespace, Long beforeId, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be from 1 to " + MAX_PAGE + ", got " + limit);
    }
    return jdbi.withHandle(h -> h.createQuery("select id, at, actor, action, namespace, name, detail "
            + "from audit_log where (cast(:namespace as text) is null or namespace = :namespace) "
            + "and (cast(:beforeId as bigint) is null or id < :beforeId) order by id desc limit :limit")
        .bind("namespace", namespace.orElse(null))
        .bind("beforeId", beforeId)
        .bind("limit", limit)
        .map(AuditLog::entry)
        .list());
  }

  /** The newest entries about one stream (its {@code stream.*} actions), at most {@code limit}, newest first. */
  public List<AuditEntry> forStream(String namespace, String name, int limit) {
    return jdbi.withHandle(h -> h.createQuery("select id, at, actor, action, namespace, name, detail "
            + "from audit_log where namespace = :namespace and name = :name and action like 'stream.%' "
            + "order by id desc limit :limit")
        .bind("namespace", namespace)
        .bind("name", name)
        .bind("limit", limit)
        .map(AuditLog::entry)
        .list());
  }

  private static AuditEntry entry(ResultSet row, StatementContext context) throws SQLException {
    return new AuditEntry(row.getLong("id"), row.getTimestamp("at").toInstant(), row.getString("actor"),
        row.getString("action"), row.getString("namespace"), row.getString("name"),
        fromJson(row.getString("detail")));
  }

  private static String toJson(Map<String, ?> detail) {
    try {
      return JSON.writeValueAsString(detail);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("audit detail must be plain JSON values: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> fromJson(String json) {
    try {
      return JSON.readValue(json, DETAIL);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit_log.detail holds invalid JSON: " + e.getMessage(), e);
    }
  }
}
