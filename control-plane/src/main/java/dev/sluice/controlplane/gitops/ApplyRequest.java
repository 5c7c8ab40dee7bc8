package dev.sluice.controlplane.gitops;

import java.util.List;

/**
 * What a declarative apply is asked to do.
 *
 * @param applySet the id of the set the documents belong to; the streams they create or update
 *     are owned by it, and only streams it owns are pruned
 * @param documents every file of the set
 * @param dryRun plan and diff only; change nothing
 * @param prune delete the streams owned by the set that no document names any more
 * @param force overwrite (or prune) streams changed elsewhere since the set last applied them,
 *     and take over streams owned by another set
 */
public record ApplyRequest(String applySet, List<SourceDocument> documents, boolean dryRun, boolean prune,
    boolean force) {

  public ApplyRequest {
    documents = List.copyOf(documents);
  }
}
