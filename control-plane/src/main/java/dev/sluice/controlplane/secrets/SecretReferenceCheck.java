package dev.sluice.controlplane.secrets;

import dev.sluice.api.Problem;
import dev.sluice.api.definition.StreamDefinition;
import dev.sluice.definitions.SecretReferences;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the secret references of a stream whose secret does not exist in its namespace, as
 * problems at the referring field: on save, apply and validate, so that an active stream is not
 * started only to fail on its worker. Thread-safe.
 */
public final class SecretReferenceCheck {

  private final Function<String, List<String>> secretNames;

  /** @param secretNames the names of the secrets of a namespace, such as {@link SecretStore#names} */
  public SecretReferenceCheck(Function<String, List<String>> secretNames) {
    this.secretNames = secretNames;
  }

  /** A problem for every reference in {@code stream} to a secret its namespace lacks; none when all exist. */
  public List<Problem> problems(StreamDefinition stream) {
    Map<String, String> references = SecretReferences.in(stream);
    if (references.isEmpty()) {
      return List.of();
    }
    String namespace = stream.metadata().namespace();
    Set<String> existing = new HashSet<>(secretNames.apply(namespace));
    return references.entrySet().stream()
        .filter(e -> !existing.contains(e.getValue()))
        .map(e -> Problem.at(e.getKey(), SecretReferences.reference(e.getValue()), "secret '" + e.getValue()
            + "' does not exist in namespace '" + namespace + "'; create it with PUT /api/v1/secrets/"
            + namespace + "/" + e.getValue()))
        .toList();
  }
}
