package dev.sluice.api.definition;

import java.util.Objects;

/**
 * One stream as its owner wrote it: input, processors and output, with metadata.
 *
 * @param metadata name, namespace, labels
 * @param spec what the stream does
 */
public record StreamDefinition(Metadata metadata, StreamSpec spec) {

  /** The only {@code apiVersion} this version of Sluice reads. */
  public static final String API_VERSION = "sluice.dev/v1";

  /** The {@code kind} of a stream document. */
  public static final String KIND = "Stream";

  public StreamDefinition {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(spec, "spec");
  }

  /** {@code namespace/name}, unique across a Sluice installation. */
  public String id() {
    return metadata.namespace() + "/" + metadata.name();
  }
}
