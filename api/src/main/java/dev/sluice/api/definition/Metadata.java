package dev.sluice.api.definition;

import java.util.Map;
import java.util.Objects;

/**
 * Who a stream is: its name in a namespace, and labels for selecting it.
 *
 * @param name a DNS label (lower-case letters, digits and '-', at most 63 characters), unique in
 *     its namespace
 * @param namespace a DNS label; {@value #DEFAULT_NAMESPACE} when not given
 * @param labels free key/value pairs for grouping and selecting streams
 * @param resourceVersion the revision a change was based on, for optimistic concurrency; {@code
 *     null} when the writer does not care
 */
public record Metadata(
    String name, String namespace, Map<String, String> labels, Long resourceVersion) {

  /** The namespace of a stream whose document names none. */
  public static final String DEFAULT_NAMESPACE = "default";

  public Metadata {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    labels = Map.copyOf(labels);
  }
}
