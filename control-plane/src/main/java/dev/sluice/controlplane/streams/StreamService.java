package dev.sluice.controlplane.streams;

import dev.sluice.api.Problem;
import dev.sluice.api.definition.DesiredState;
import dev.sluice.controlplane.audit.AuditLog;
import dev.sluice.controlplane.outbox.ControlTopics;
import dev.sluice.controlplane.outbox.Outbox;
import dev.sluice.controlplane.secrets.SecretReferenceCheck;
import dev.sluice.controlplane.store.ConflictException;
import dev.sluice.controlplane.store.NotFoundException;
import dev.sluice.definitions.DefinitionReader;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stream definitions with immutable numbered revisions and optimistic concurrency: what the REST
 * API and GitOps call to change and read streams.
 *
 * <p>Every accepted change creates revision n + 1 and, in the same transaction, a {@code
 * StreamRevision} in the outbox and an audit entry; a delete leaves a tombstone instead. A change
 * based on a stale {@code resourceVersion} (the current revision number) throws {@link
 * ConflictException} and changes nothing: the stream's row is locked ({@code select ... for
 * update}) before the version is compared, so of two concurrent changes based on the same version
 * exactly one wins. A change that asks for what is stored already (same canonical definition and
 * state) creates no revision, so re-applying the same files is free.
 *
 * <p>A document with {@code spec.state: active} must validate ({@link
 * InvalidDefinitionException} otherwise); one with {@code paused} is saved even when invalid, with
 * its problems returned. Deleting a stream keeps its revisions: if it is created again its
 * numbering continues, so a revision number never means two things for one stream.
 *
 * <p>Thread-safe; every method runs in its own transaction.
 */
public final class StreamService {

  private static final Logger log = LoggerFactory.getLogger(StreamService.class);

  static final String ACTION_CREATE = "stream.create";
  static final String ACTION_UPDATE = "stream.update";
  static final String ACTION_DELETE = "stream.delete";
  static final String ACTION_PAUSE = "stream.pause";
  static final String ACTION_RESUME = "stream.resume";
  static final String ACTION_ROLLBACK = "stream.rollback";
  static final String ACTION_REPUBLISH = "streams.republish";

  private final Jdbi jdbi;
  private final StreamDocuments documents;
  private final StreamEvents events;
  private final Clock clock;

  /**
   * @param reader validates documents against the installed components
   * @param secretReferences finds references to secrets the stream's namespace lacks
   * @param topics the topics events go to; {@link ControlTopics#defaults()} outside tests
   * @param clock the time of revisions
   */
  public StreamService(Jdbi jdbi, DefinitionReader reader, SecretReferenceCheck secretReferences,
      ControlTopics topics, Clock clock) {
    this.jdbi = jdbi;
    this.documents = new StreamDocuments(reader, secretReferences);
    this.events = new StreamEvents(topics);
    this.clock = clock;
  }

  /**
   * Creates a stream from a YAML or JSON document; its first revision is 1, or one past the last
   * revision it had before it was deleted. A {@code metadata.resourceVersion} in the document is
   * ignored.
   *
   * @throws InvalidDefinitionException when the document is to be active and does not validate,
   *     or its identity cannot be read
   * @throws ConflictException when the stream exists
   */
  public SaveResult create(String document, String actor) {
    SubmittedDocument doc = documents.read(document).requireSavable();
    return jdbi.inTransaction(h -> create(h, doc, actor, Map.of()));
  }

  /**
   * Reads and validates a document without saving it, for callers that plan several changes and
   * make them with the methods below in one transaction of their own.
   *
   * @throws InvalidDefinitionException when its identity (apiVersion, kind, name, namespace,
   *     state) cannot be read
   */
  public SubmittedDocument read(String document) {
    return documents.read(document);
  }

  /**
   * The current revision of an existing stream, its row locked until the transaction of {@code h}
   * ends; empty when the stream does not exist.
   */
  public Optional<StoredRevision> lockCurrent(Handle h, String namespace, String name) {
    return StreamRows.lockCurrent(h, namespace, name);
  }

  /**
   * Creates a stream inside the caller's transaction, as {@link #create(String, String)} does.
   *
   * @param extraDetail added to the audit entry, such as the apply set
   * @throws ConflictException when the stream exists
   */
  public SaveResult create(Handle h, SubmittedDocument doc, String actor, Map<String, Object> extraDetail) {
    StoredRevision saved = revision(doc, StreamRows.nextRevision(h, doc.namespace(), doc.name()), actor);
    if (!StreamRows.insertStream(h, saved)) {
      long current = StreamRows.find(h, doc.namespace(), doc.name()).map(StoredStream::revision).orElse(0L);
      throw new ConflictException("stream " + doc.id() + " exists already (revision " + current
          + "); update it with metadata.resourceVersion: " + current + ", or delete it first");
    }
    StreamRows.insertRevision(h, saved);
    events.saved(h, ACTION_CREATE, saved, Optional.empty(), extraDetail);
    log.info("Stream {} created at revision {} ({}) by {}", doc.id(), saved.revision(),
        saved.state().word(), actor);
    return result(h, saved, true, doc.problems());
  }

  /**
   * Replaces the current revision (locked by {@link #lockCurrent}) with {@code doc} inside the
   * caller's transaction; changes nothing when they are the same.
   *
   * @param extraDetail added to the audit entry, such as the apply set
   */
  public SaveResult update(Handle h, StoredRevision current, SubmittedDocument doc, String actor,
      Map<String, Object> extraDetail) {
    return save(h, current, doc, ACTION_UPDATE, actor, extraDetail);
  }

  /**
   * Deletes the stream whose current revision (locked by {@link #lockCurrent}) is {@code current},
   * inside the caller's transaction.
   *
   * @param extraDetail added to the audit entry, such as the apply set
   */
  public void delete(Handle h, StoredRevision current, String actor, Map<String, Object> extraDetail) {
    StreamRows.deleteStream(h, current.namespace(), current.name());
    events.deleted(h, actor, current.namespace(), current.name(), current.revision(), extraDetail);
    log.info("Stream {}/{} deleted by {}", current.namespace(), current.name(), actor);
  }

  /**
   * Replaces a stream's document.
   *
   * @param expectedResourceVersion the revision the change is based on; when {@code null}, the
   *     document's {@code metadata.resourceVersion} counts; when both are absent the change
   *     applies to whatever is current
   * @throws InvalidDefinitionException when the document is to be active and does not validate,
   *     its identity cannot be read, or it names another stream than {@code namespace/name}
   * @throws NotFoundException when the stream does not exist
   * @throws ConflictException when the expected version is not the current one
   */
  public SaveResult update(String namespace, String name, String document, Long expectedResourceVersion,
      String actor) {
    SubmittedDocument doc = documents.read(document);
    List<Problem> mismatch = StreamDocuments.pathMismatch(doc, namespace, name);
    if (!mismatch.isEmpty()) {
      throw new InvalidDefinitionException("the document does not belong at " + namespace + "/" + name,
          mismatch);
    }
    doc.requireSavable();
    Long expected = expectedResourceVersion != null ? expectedResourceVersion : doc.resourceVersion();
    return jdbi.inTransaction(h -> {
      StoredRevision current = lockExisting(h, namespace, name);
      requireVersion(current, expected);
      return update(h, current, doc, actor, Map.of());
    });
  }

  /**
   * Deletes a stream: a tombstone goes to the streams topic; its revisions are kept.
   *
   * @param expectedResourceVersion the revision the delete is based on, or {@code null} for any
   * @throws NotFoundException when the stream does not exist
   * @throws ConflictException when the expected version is not the current one
   */
  public void delete(String namespace, String name, Long expectedResourceVersion, String actor) {
    jdbi.useTransaction(h -> {
      StoredRevision current = lockExisting(h, namespace, name);
      requireVersion(current, expectedResourceVersion);
      delete(h, current, actor, Map.of());
    });
  }

  /**
   * Sets {@code spec.state: paused} in a new revision; nothing changes if it is paused already.
   *
   * @throws NotFoundException when the stream does not exist
   */
  public SaveResult pause(String namespace, String name, String actor) {
    return changeState(namespace, name, DesiredState.PAUSED, ACTION_PAUSE, actor);
  }

  /**
   * Sets {@code spec.state: active} in a new revision; nothing changes if it is active already.
   *
   * @throws NotFoundException when the stream does not exist
   * @throws InvalidDefinitionException when the stream does not validate, with its problems
   */
  public SaveResult resume(String namespace, String name, String actor) {
    return changeState(namespace, name, DesiredState.ACTIVE, ACTION_RESUME, actor);
  }

  private SaveResult changeState(String namespace, String name, DesiredState state, String action,
      String actor) {
    return jdbi.inTransaction(h -> {
      StoredRevision current = lockExisting(h, namespace, name);
      SubmittedDocument stored = documents.read(current.document());
      if (state == DesiredState.ACTIVE && !stored.valid()) {
        throw new InvalidDefinitionException("stream " + stored.id() + " does not validate, so it stays "
            + "paused; fix the problems in its document and update it with spec.state: active",
            stored.problems());
      }
      if (current.state() == state) {
        return result(h, current, false, stored.problems());
      }
      SubmittedDocument changed = documents.read(StreamDocuments.withState(current.document(), state));
      return save(h, current, changed, action, actor, Map.of());
    });
  }

  /**
   * Restores revision {@code to}'s document as a new revision (or changes nothing when it equals
   * the current one).
   *
   * @throws NotFoundException when the stream or the revision does not exist
   * @throws InvalidDefinitionException when the revision is active and no longer validates (for
   *     example because a component it uses was removed)
   */
  public SaveResult rollback(String namespace, String name, long to, String actor) {
    return jdbi.inTransaction(h -> {
      StoredRevision current = lockExisting(h, namespace, name);
      StoredRevision target = StreamRows.revision(h, namespace, name, to).orElseThrow(() ->
          new NotFoundException("stream " + namespace + "/" + name + " has no revision " + to
              + "; its revisions are numbered up to " + current.revision() + " (list them to choose one)"));
      SubmittedDocument doc = documents.read(target.document()).requireSavable();
      return save(h, current, doc, ACTION_ROLLBACK, actor, Map.of("restoredRevision", to));
    });
  }

  /** The stream's current state, if it exists. */
  public Optional<StoredStream> get(String namespace, String name) {
    return jdbi.withHandle(h -> StreamRows.find(h, namespace, name));
  }

  /** Existing streams, by namespace then name. */
  public List<StoredStream> list(Optional<String> namespace) {
    return jdbi.withHandle(h -> StreamRows.list(h, namespace.orElse(null)));
  }

  /**
   * Every revision the stream has had, oldest first, including those from before it was deleted;
   * empty when it never existed.
   */
  public List<RevisionSummary> revisions(String namespace, String name) {
    return jdbi.withHandle(h -> StreamRows.revisions(h, namespace, name));
  }

  /** One revision, with its document. */
  public Optional<StoredRevision> revision(String namespace, String name, long revision) {
    return jdbi.withHandle(h -> StreamRows.revision(h, namespace, name, revision));
  }

  /**
   * Appends the current revision of every stream, and a tombstone for every deleted one, to the
   * outbox, so the publisher rebuilds the streams topic from Postgres. No other change commits
   * while it runs, so nothing published after it can be older than what it publishes.
   *
   * @return how many streams were republished, tombstones not counted
   */
  public int republishAll(String actor) {
    int count = jdbi.inTransaction(h -> {
      Outbox.lockForAppend(h);
      List<StreamRows.Key> deleted = StreamRows.deleted(h);
      deleted.forEach(key -> events.publishTombstone(h, key.namespace(), key.name()));
      List<StoredRevision> current = StreamRows.currentRevisions(h);
      current.forEach(revision -> events.publish(h, revision));
      AuditLog.record(h, actor, ACTION_REPUBLISH, null, null,
          Map.of("streams", current.size(), "tombstones", deleted.size()));
      return current.size();
    });
    log.info("Republished {} streams by {}", count, actor);
    return count;
  }

  private SaveResult save(Handle h, StoredRevision current, SubmittedDocument doc, String action,
      String actor, Map<String, Object> extraDetail) {
    if (doc.sameAs(current)) {
      return result(h, current, false, doc.problems());
    }
    StoredRevision saved = revision(doc, current.revision() + 1, actor);
    StreamRows.insertRevision(h, saved);
    StreamRows.updateStream(h, saved);
    events.saved(h, action, saved, Optional.of(current), extraDetail);
    log.info("Stream {} at revision {} ({}) after {} by {}", doc.id(), saved.revision(),
        saved.state().word(), action, actor);
    return result(h, saved, true, doc.problems());
  }

  private StoredRevision revision(SubmittedDocument doc, long number, String actor) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return new StoredRevision(doc.namespace(), doc.name(), number, doc.text(), doc.definitionJson(),
        doc.state(), actor, now);
  }

  private static SaveResult result(Handle h, StoredRevision revision, boolean changed,
      List<Problem> problems) {
    StoredStream stream = StreamRows.find(h, revision.namespace(), revision.name()).orElseThrow();
    return new SaveResult(stream, changed, problems);
  }

  private static StoredRevision lockExisting(Handle h, String namespace, String name) {
    return StreamRows.lockCurrent(h, namespace, name).orElseThrow(() -> new NotFoundException(
        "stream " + namespace + "/" + name + " does not exist; create it first"));
  }

  private static void requireVersion(StoredRevision current, Long expected) {
    if (expected != null && expected != current.revision()) {
      throw new ConflictException("stream " + current.namespace() + "/" + current.name() + " is at revision "
          + current.revision() + " but the change was based on resourceVersion " + expected
          + "; read it again, redo the change on top of it and send resourceVersion " + current.revision());
    }
  }
}
