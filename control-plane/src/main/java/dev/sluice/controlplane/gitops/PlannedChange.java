package dev.sluice.controlplane.gitops;

/**
 * The plan for one stream of an apply.
 *
 * @param namespace the stream's namespace
 * @param name the stream's name
 * @param action what the apply does (or, in a dry run, would do)
 * @param drift why the change is held back unless forced: the stream was changed elsewhere since
 *     the set last applied it, or another apply set owns it; {@code null} when neither
 * @param applied whether the change was made; {@code false} in a dry run, for unchanged streams
 *     and for changes held back by drift
 * @param revision the stream's revision after the apply ({@code null} when it is or would be
 *     deleted, or would be created)
 * @param diff a unified diff of the stream's document, current against desired, both in canonical
 *     YAML; empty when unchanged
 */
public record PlannedChange(String namespace, String name, ChangeAction action, String drift,
    boolean applied, Long revision, String diff) {

  /** {@code namespace/name}. */
  public String id() {
    return namespace + "/" + name;
  }

  /** Whether the stream is or would be changed (created, updated or deleted). */
  public boolean changes() {
    return action != ChangeAction.UNCHANGED;
  }

  /** Whether the change was held back because of drift and needs {@code force}. */
  public boolean heldBack() {
    return changes() && drift != null && !applied;
  }
}
