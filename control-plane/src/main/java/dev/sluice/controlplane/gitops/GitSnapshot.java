package dev.sluice.controlplane.gitops;

import java.util.List;

/**
 * The stream files of a repository at one commit.
 *
 * @param commit the commit's id (40 hex digits)
 * @param documents the {@code *.yaml} and {@code *.yml} files under the sync's path, sources named
 *     by their path in the repository
 */
record GitSnapshot(String commit, List<SourceDocument> documents) {}
