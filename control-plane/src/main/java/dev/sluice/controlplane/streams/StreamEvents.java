package dev.sluice.controlplane.streams;

import dev.sluice.api.definition.DesiredState;
import dev.sluice.controlplane.audit.AuditLog;
import dev.sluice.controlplane.outbox.ControlTopics;
import dev.sluice.controlplane.outbox.Outbox;
import dev.sluice.proto.v1.StreamRevision;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * What every change to a stream leaves behind in its transaction: the {@code StreamRevision} (or
 * tombstone) in the outbox for the streams topic, and an audit entry. The audit detail names
 * revision numbers and the top-level spec fields that changed, never their values, so no secret can
 * reach it. Thread-safe.
 */
final class StreamEvents {

  private final ControlTopics topics;

  StreamEvents(ControlTopics topics) {
    this.topics = topics;
  }

  /** A new revision was saved, replacing {@code before} (empty for a create). */
  void saved(Handle h, String action, StoredRevision saved, Optional<StoredRevision> before,
      Map<String, Object> extraDetail) {
    publish(h, saved);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("revision", saved.revision());
    before.ifPresent(b -> detail.put("previousRevision", b.revision()));
    detail.put("state", saved.state().word());
    detail.put("valid", saved.valid());
    before.ifPresent(b -> detail.put("changedSpecFields", changedSpecFields(b, saved)));
    detail.putAll(extraDetail);
    AuditLog.record(h, saved.createdBy(), action, saved.namespace(), saved.name(), detail);
  }

  /** The stream was deleted; its last revision was {@code lastRevision}. */
  void deleted(Handle h, String actor, String namespace, String name, long lastRevision,
      Map<String, Object> extraDetail) {
    publishTombstone(h, namespace, name);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("lastRevision", lastRevision);
    detail.putAll(extraDetail);
    AuditLog.record(h, actor, StreamService.ACTION_DELETE, namespace, name, detail);
  }

  /** Appends the revision to the outbox, without an audit entry (for republishing). */
  void publish(Handle h, StoredRevision revision) {
    StreamRevision value = StreamRevision.newBuilder()
        .setNamespace(revision.namespace())
        .setName(revision.name())
        .setRevision(revision.revision())
        .setDefinitionJson(Objects.requireNonNullElse(revision.definitionJson(), ""))
        .setState(revision.state() == DesiredState.ACTIVE
            ? dev.sluice.proto.v1.DesiredState.DESIRED_STATE_ACTIVE
            : dev.sluice.proto.v1.DesiredState.DESIRED_STATE_PAUSED)
        .setCreatedAtMs(revision.createdAt().toEpochMilli())
        .build();
    Outbox.append(h, topics.streams(), key(revision.namespace(), revision.name()), value.toByteArray());
  }

  /** Appends a tombstone for the stream to the outbox, without an audit entry. */
  void publishTombstone(Handle h, String namespace, String name) {
    Outbox.append(h, topics.streams(), key(namespace, name), null);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** Top-level spec fields added, removed or changed, sorted. */
  private static TreeSet<String> changedSpecFields(StoredRevision before, StoredRevision after) {
    Map<String, Object> old = StreamDocuments.spec(before.document());
    Map<String, Object> now = StreamDocuments.spec(after.document());
    TreeSet<String> changed = new TreeSet<>(old.keySet());
    changed.addAll(now.keySet());
    changed.removeIf(field -> Objects.equals(old.get(field), now.get(field)));
    return changed;
  }
}
