/**
 * GitOps: declarative apply of a set of stream documents ({@link
 * dev.sluice.controlplane.gitops.ApplyService}: plan, diff, prune, drift) and git sync ({@link
 * dev.sluice.controlplane.gitops.GitSync}: follow a Git repository and apply it as its own apply
 * set).
 */
package dev.sluice.controlplane.gitops;
