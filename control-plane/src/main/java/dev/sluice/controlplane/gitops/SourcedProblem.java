package dev.sluice.controlplane.gitops;

import dev.sluice.api.Problem;

/**
 * A problem in one file of an apply set.
 *
 * @param source the file's name as the request gave it
 * @param problem what is wrong, where in the file
 */
public record SourcedProblem(String source, Problem problem) {}
