package dev.sluice.controlplane.gitops;

import java.util.List;

/**
 * What an apply did, or in a dry run would do: one entry per stream named by the set and, with
 * prune, per stream it deletes; sorted by namespace and name.
 *
 * @param applySet the apply set
 * @param dryRun whether nothing was changed on purpose
 * @param changes one entry per stream
 */
public record ApplyPlan(String applySet, boolean dryRun, List<PlannedChange> changes) {

  public ApplyPlan {
    changes = List.copyOf(changes);
  }

  /** How many streams are (or would be) created, updated or deleted, drift held back included. */
  public long changeCount() {
    return changes.stream().filter(PlannedChange::changes).count();
  }

  /** How many entries have {@code action}, not counting those held back by drift. */
  public long count(ChangeAction action) {
    return changes.stream().filter(c -> c.action() == action && !c.heldBack()).count();
  }

  /** The changes held back because their streams drifted; empty after a forced apply. */
  public List<PlannedChange> heldBack() {
    return changes.stream().filter(PlannedChange::heldBack).toList();
  }
}
