package dev.sluice.controlplane.streams;

import dev.sluice.api.definition.DesiredState;
import java.time.Instant;

/**
 * One immutable revision of a stream.
 *
 * @param namespace the stream's namespace
 * @param name the stream's name
 * @param revision its number, 1 for the first; numbers are never reused for a stream, not even
 *     after it is deleted and created again
 * @param document the document as submitted (YAML or JSON); for pause and resume, the previous
 *     document with {@code spec.state} changed, written as YAML
 * @param definitionJson the canonical JSON of the validated definition, or {@code null} when the
 *     revision was saved paused and invalid
 * @param state the desired state
 * @param createdBy the actor who saved it
 * @param createdAt when it was saved
 */
public record StoredRevision(
    String namespace, String name, long revision, String document, String definitionJson,
    DesiredState state, String createdBy, Instant createdAt) {

  /** Whether the revision validated when it was saved. */
  public boolean valid() {
    return definitionJson != null;
  }
}
