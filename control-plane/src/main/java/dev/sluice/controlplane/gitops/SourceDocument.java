package dev.sluice.controlplane.gitops;

/**
 * The text of one file of an apply set: one or more stream documents (YAML or JSON).
 *
 * @param source the file's name or path, used in problems so that users find the line
 * @param text the file's content
 */
public record SourceDocument(String source, String text) {}
