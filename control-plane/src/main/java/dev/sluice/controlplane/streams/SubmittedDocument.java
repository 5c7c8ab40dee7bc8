package dev.sluice.controlplane.streams;

import dev.sluice.api.Problem;
import dev.sluice.api.definition.DesiredState;
import java.util.List;

/**
 * A stream document as read for saving: its identity and desired state, which are known even when
 * it does not validate, and the canonical definition when it does.
 *
 * @param text the document as submitted
 * @param namespace {@code metadata.namespace}, {@code default} when absent
 * @param name {@code metadata.name}
 * @param state {@code spec.state}, {@code active} when absent
 * @param resourceVersion {@code metadata.resourceVersion}, or {@code null} when absent
 * @param definitionJson the canonical JSON of the definition (without resourceVersion), or {@code
 *     null} when the document does not validate
 * @param problems every problem; empty when valid
 */
public record SubmittedDocument(
    String text, String namespace, String name, DesiredState state, Long resourceVersion,
    String definitionJson, List<Problem> problems) {

  /** Whether the document validated. */
  public boolean valid() {
    return definitionJson != null;
  }

  /** {@code namespace/name}. */
  public String id() {
    return namespace + "/" + name;
  }

  /** Refuses a document that is to run but does not validate. */
  SubmittedDocument requireSavable() {
    if (state == DesiredState.ACTIVE && !valid()) {
      throw new InvalidDefinitionException("stream " + id() + " does not validate, so it cannot be saved "
          + "with spec.state: active; fix the problems, or save it with spec.state: paused", problems);
    }
    return this;
  }

  /** Whether saving this over {@code current} would change nothing. */
  boolean sameAs(StoredRevision current) {
    if (state != current.state()) {
      return false;
    }
    return valid() ? definitionJson.equals(current.definitionJson()) : text.equals(current.document());
  }
}
