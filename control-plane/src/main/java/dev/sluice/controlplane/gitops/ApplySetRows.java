package dev.sluice.controlplane.gitops;

import dev.sluice.controlplane.store.AdvisoryLocks;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The SQL over the apply-set columns of {@code streams}: which set owns a stream and which
 * revision it last applied. Stateless; every method runs on the caller's handle.
 */
final class ApplySetRows {

  /**
   * A stream an apply plans for, as it stands.
   *
   * @param revision its current revision
   * @param applySet the set that owns it, or {@code null}
   * @param appliedRevision the revision that set last applied, or {@code null}
   */
  record Owned(String namespace, String name, long revision, String applySet, Long appliedRevision) {

    String id() {
      return namespace + "/" + name;
    }

    /** Whether something other than its set changed it since its set last applied it. */
    boolean drifted() {
      return applySet != null && (appliedRevision == null || appliedRevision != revision);
    }
  }

  private ApplySetRows() {}

  /**
   * Serialises applies, then locks (in key order, so that no two transactions wait on each other)
   * and returns the streams that {@code applySet} owns or that {@code ids} name, by id.
   */
  static Map<String, Owned> lock(Handle h, String applySet, Collection<String> ids) {
    h.createUpdate("select pg_advisory_xact_lock(:lock)").bind("lock", AdvisoryLocks.APPLY).execute();
    Map<String, Owned> rows = new LinkedHashMap<>();
    h.createQuery("select namespace, name, revision, apply_set, applied_revision from streams "
            + "where apply_set = :set or namespace || '/' || name = any(:ids) "
            + "order by namespace, name for update")
        .bind("set", applySet)
        .bindArray("ids", String.class, ids)
        .map((row, ctx) -> new Owned(row.getString("namespace"), row.getString("name"),
            row.getLong("revision"), row.getString("apply_set"),
            (Long) row.getObject("applied_revision", Long.class)))
        .forEach(owned -> rows.put(owned.id(), owned));
    return rows;
  }

  /** Records that {@code applySet} owns the stream and left it at {@code revision}. */
  static void own(Handle h, String namespace, String name, String applySet, long revision) {
    h.createUpdate("update streams set apply_set = :set, applied_revision = :revision "
            + "where namespace = :namespace and name = :name")
        .bind("set", applySet)
        .bind("revision", revision)
        .bind("namespace", namespace)
        .bind("name", name)
        .execute();
  }
}
