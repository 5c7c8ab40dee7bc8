package dev.sluice.controlplane.gitops;

import dev.sluice.api.Problem;
import dev.sluice.api.definition.DesiredState;
import dev.sluice.controlplane.gitops.ApplySetRows.Owned;
import dev.sluice.controlplane.streams.SaveResult;
import dev.sluice.controlplane.streams.StoredRevision;
import dev.sluice.controlplane.streams.StreamService;
import dev.sluice.controlplane.streams.SubmittedDocument;
import dev.sluice.definitions.DefinitionReader;
import dev.sluice.definitions.DefinitionWriter;
import dev.sluice.definitions.ReadResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declarative apply: makes the streams of an apply set what its documents say, kubectl-style.
 *
 * <p>Every document is validated first; if any has a problem (or two name the same stream),
 * nothing is applied and every problem is reported. Then, in one transaction with its outbox rows
 * and audit entries, each named stream is created, updated or left unchanged (compared by
 * canonical definition and state, so applying the same files twice writes nothing the second
 * time), and with prune the streams the set owns that no document names any more are deleted.
 *
 * <p>A stream records the set that applied it and the revision it left. A stream of the set that
 * was changed elsewhere since (REST, UI) has drifted; a stream owned by another set is that set's.
 * Changes to either are reported with the reason and held back, everything else is applied,
 * unless {@code force} is given. A stream made outside any set is adopted by the first set that
 * names it.
 *
 * <p>Thread-safe; applies run one at a time per database.
 */
public final class ApplyService {

  private static final Logger log = LoggerFactory.getLogger(ApplyService.class);

  /** The prefix of the apply sets of git syncs; requests through the API may not use it. */
  public static final String GIT_SYNC_PREFIX = "git:";

  private static final Pattern APPLY_SET = Pattern.compile("[a-z0-9]([-a-z0-9_.:/]{0,251}[a-z0-9])?");
  private static final String REQUEST_SOURCE = "request";

  private final Jdbi jdbi;
  private final StreamService streams;
  private final DefinitionReader reader;

  /**
   * @param streams writes the changes, each with its revision, outbox row and audit entry
   * @param reader validates the documents against the installed components
   */
  public ApplyService(Jdbi jdbi, StreamService streams, DefinitionReader reader) {
    this.jdbi = jdbi;
    this.streams = streams;
    this.reader = reader;
  }

  /**
   * Plans and (unless a dry run) applies a set.
   *
   * @param actor who applies, recorded with each revision and audit entry
   * @param auditDetail added to every audit entry besides the apply set, such as a commit
   * @param requireWrite called with every namespace the apply would change; throws to refuse
   * @throws InvalidApplySetException when a document does not validate; nothing was changed
   * @throws dev.sluice.controlplane.store.ConflictException when a stream it was to create was
   *     created by someone else meanwhile; nothing was changed, apply again
   */
  public ApplyPlan apply(ApplyRequest request, String actor, Map<String, Object> auditDetail,
      Consumer<String> requireWrite) {
    Map<String, SubmittedDocument> desired = read(request);
    desired.values().stream().map(SubmittedDocument::namespace).distinct().forEach(requireWrite);
    Map<String, Object> detail = new LinkedHashMap<>(auditDetail);
    detail.put("applySet", request.applySet());
    ApplyPlan plan = jdbi.inTransaction(h -> plan(h, request, desired, actor, detail, requireWrite));
    // Git syncs apply every interval: only applies that change something, or cannot, are news.
    boolean news = !request.dryRun() && plan.changeCount() > 0;
    if (news || log.isDebugEnabled()) {
      String message = "Apply set {} {} by {}: {} created, {} updated, {} deleted, {} unchanged, "
          + "{} held back by drift";
      Object[] args = {request.applySet(), request.dryRun() ? "planned (dry run)" : "applied", actor,
          plan.count(ChangeAction.CREATE), plan.count(ChangeAction.UPDATE), plan.count(ChangeAction.DELETE),
          plan.count(ChangeAction.UNCHANGED), plan.heldBack().size()};
      if (news) {
        log.info(message, args);
      } else {
        log.debug(message, args);
      }
    }
    return plan;
  }

  /** Validates every document; returns them by stream id, or throws with every problem. */
  private Map<String, SubmittedDocument> read(ApplyRequest request) {
    List<SourcedProblem> problems = new ArrayList<>();
    String set = request.applySet();
    if (set == null || !APPLY_SET.matcher(set).matches()) {
      problems.add(new SourcedProblem(REQUEST_SOURCE, Problem.at("applySet", set, "the apply set id '" + set
          + "' is not valid: use lower-case letters, digits and '-', '_', '.', ':', '/', starting and ending "
          + "with a letter or digit (for example shop-streams)")));
    }
    Map<String, SubmittedDocument> byId = new TreeMap<>();
    Map<String, String> where = new HashMap<>();
    for (SourceDocument file : request.documents()) {
      List<ReadResult> results = reader.readAll(file.source(), file.text());
      for (ReadResult result : results) {
        result.problems().forEach(p -> problems.add(new SourcedProblem(file.source(), p)));
        if (!result.isValid()) {
          continue;
        }
        // A file with one document is stored as written, comments and all; several are split.
        SubmittedDocument doc = streams.read(results.size() == 1 ? file.text()
            : DefinitionWriter.toJson(result.definition()));
        if (doc.state() == DesiredState.ACTIVE) {
          // the document read well, so these are its references to secrets its namespace lacks
          doc.problems().forEach(p -> problems.add(new SourcedProblem(file.source(), p)));
        }
        String first = where.putIfAbsent(doc.id(), file.source() + ":" + result.line());
        if (first != null) {
          problems.add(new SourcedProblem(file.source(), new Problem("metadata.name", doc.name(), "stream "
              + doc.id() + " is already defined at " + first + "; give one of them another name or namespace",
              result.line(), 1)));
        }
        byId.putIfAbsent(doc.id(), doc);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidApplySetException(problems);
    }
    return byId;
  }

  private ApplyPlan plan(Handle h, ApplyRequest request, Map<String, SubmittedDocument> desired, String actor,
      Map<String, Object> detail, Consumer<String> requireWrite) {
    Map<String, Owned> rows = ApplySetRows.lock(h, request.applySet(), desired.keySet());
    List<PlannedChange> changes = new ArrayList<>();
    for (SubmittedDocument doc : desired.values()) {
      Owned owned = rows.get(doc.id());
      changes.add(owned == null ? create(h, request, doc, actor, detail)
          : update(h, request, doc, owned, actor, detail));
    }
    if (request.prune()) {
      for (Owned owned : rows.values()) {
        if (request.applySet().equals(owned.applySet()) && !desired.containsKey(owned.id())) {
          requireWrite.accept(owned.namespace());
          changes.add(prune(h, request, owned, actor, detail));
        }
      }
    }
    changes.sort(Comparator.comparing(PlannedChange::namespace).thenComparing(PlannedChange::name));
    return new ApplyPlan(request.applySet(), request.dryRun(), changes);
  }

  private PlannedChange create(Handle h, ApplyRequest request, SubmittedDocument doc, String actor,
      Map<String, Object> detail) {
    String diff = DefinitionDiff.unified("/dev/null", "", desiredLabel(doc), desiredYaml(doc));
    if (request.dryRun()) {
      return new PlannedChange(doc.namespace(), doc.name(), ChangeAction.CREATE, null, false, null, diff);
    }
    SaveResult saved = streams.create(h, doc, actor, detail);
    ApplySetRows.own(h, doc.namespace(), doc.name(), request.applySet(), saved.stream().revision());
    return new PlannedChange(doc.namespace(), doc.name(), ChangeAction.CREATE, null, true,
        saved.stream().revision(), diff);
  }

  private PlannedChange update(Handle h, ApplyRequest request, SubmittedDocument doc, Owned owned, String actor,
      Map<String, Object> detail) {
    StoredRevision current = streams.lockCurrent(h, doc.namespace(), doc.name()).orElseThrow();
    String drift = drift(owned, request.applySet());
    boolean ours = request.applySet().equals(owned.applySet());
    if (current.state() == doc.state() && DefinitionDiff.same(current.definitionJson(), doc.definitionJson())) {
      // Nothing to write but ownership: adopt an unowned stream, or note that a drifted one is back
      // to what the set says. Another set's stream stays its own unless forced.
      boolean clean = ours && !owned.drifted();
      if (!request.dryRun() && !clean && (owned.applySet() == null || ours || request.force())) {
        ApplySetRows.own(h, doc.namespace(), doc.name(), request.applySet(), current.revision());
      }
      return new PlannedChange(doc.namespace(), doc.name(), ChangeAction.UNCHANGED, null, false,
          current.revision(), "");
    }
    String diff = DefinitionDiff.unified(currentLabel(current), currentYaml(current), desiredLabel(doc),
        desiredYaml(doc));
    if (request.dryRun() || (drift != null && !request.force())) {
      return new PlannedChange(doc.namespace(), doc.name(), ChangeAction.UPDATE, drift, false,
          current.revision(), diff);
    }
    SaveResult saved = streams.update(h, current, doc, actor, detail);
    ApplySetRows.own(h, doc.namespace(), doc.name(), request.applySet(), saved.stream().revision());
    return new PlannedChange(doc.namespace(), doc.name(), ChangeAction.UPDATE, drift, true,
        saved.stream().revision(), diff);
  }

  private PlannedChange prune(Handle h, ApplyRequest request, Owned owned, String actor,
      Map<String, Object> detail) {
    StoredRevision current = streams.lockCurrent(h, owned.namespace(), owned.name()).orElseThrow();
    String drift = drift(owned, request.applySet());
    String diff = DefinitionDiff.unified(currentLabel(current), currentYaml(current), "/dev/null", "");
    boolean delete = !request.dryRun() && (drift == null || request.force());
    if (delete) {
      streams.delete(h, current, actor, detail);
    }
    return new PlannedChange(owned.namespace(), owned.name(), ChangeAction.DELETE, drift, delete,
        delete ? null : current.revision(), diff);
  }

  /** Why a change to {@code owned} needs force, or {@code null} when it does not. */
  private static String drift(Owned owned, String applySet) {
    if (owned.applySet() == null) {
      return null;
    }
    if (!owned.applySet().equals(applySet)) {
      return "stream " + owned.id() + " belongs to apply set '" + owned.applySet() + "'; apply with force to "
          + "take it over, or remove it from one of the two sets";
    }
    if (owned.drifted()) {
      return "stream " + owned.id() + " was changed outside apply set '" + applySet + "' since it applied "
          + (owned.appliedRevision() == null ? "it" : "revision " + owned.appliedRevision())
          + " (now at revision " + owned.revision() + "); apply with force to overwrite that change, or copy "
          + "it into the set's files";
    }
    return null;
  }

  private static String currentYaml(StoredRevision current) {
    return DefinitionDiff.yaml(current.definitionJson(), current.document());
  }

  private static String desiredYaml(SubmittedDocument doc) {
    return DefinitionDiff.yaml(doc.definitionJson(), doc.text());
  }

  private static String currentLabel(StoredRevision current) {
    return current.namespace() + "/" + current.name() + " (revision " + current.revision() + ")";
  }

  private static String desiredLabel(SubmittedDocument doc) {
    return doc.id() + " (apply set)";
  }
}
