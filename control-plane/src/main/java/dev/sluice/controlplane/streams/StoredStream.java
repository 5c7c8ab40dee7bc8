package dev.sluice.controlplane.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.definition.DesiredState;
import java.time.Instant;

/**
 * A stream as stored now: its current revision.
 *
 * @param namespace the stream's namespace
 * @param name the stream's name
 * @param revision the current revision number; also the stream's {@code resourceVersion}
 * @param state the desired state of the current revision
 * @param valid whether the current revision validated when it was saved; an invalid stream is
 *     always paused
 * @param document the current revision's document as it was submitted (YAML or JSON)
 * @param definitionJson the canonical JSON of the current revision, or {@code null} when invalid
 * @param createdAt when the stream was first created (in its current life, after any delete)
 * @param updatedAt when the current revision was saved
 */
public record StoredStream(
    String namespace, String name, long revision, DesiredState state, boolean valid,
    String document, String definitionJson, Instant createdAt, Instant updatedAt) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The {@code spec} of the current definition; an empty object when the revision is invalid. */
  public JsonNode spec() {
    try {
      return definitionJson == null ? JSON.createObjectNode() : JSON.readTree(definitionJson).path("spec");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored definitions are JSON", e);
    }
  }

  /** The value clients send back as {@code metadata.resourceVersion} to update this state. */
  public long resourceVersion() {
    return revision;
  }
}
