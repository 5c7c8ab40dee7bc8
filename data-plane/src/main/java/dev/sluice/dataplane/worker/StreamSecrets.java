package dev.sluice.dataplane.worker;

import dev.sluice.api.definition.StreamDefinition;
import dev.sluice.definitions.SecretReferences;
import dev.sluice.proto.v1.ResolveSecretsRequest;
import dev.sluice.proto.v1.ResolveSecretsResponse;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Swaps a stream's secret references for their values as an instance starts, asking the control
 * plane for them. Values live only in the returned definition, in this worker's memory: no message
 * of this class carries one.
 */
final class StreamSecrets {

  private final Supplier<String> workerId;
  private final Function<ResolveSecretsRequest, ResolveSecretsResponse> registry;

  /**
   * @param workerId this worker's id, as Register returned it
   * @param registry the control plane's {@code ResolveSecrets}
   */
  StreamSecrets(Supplier<String> workerId, Function<ResolveSecretsRequest, ResolveSecretsResponse> registry) {
    this.workerId = workerId;
    this.registry = registry;
  }

  /**
   * A stream with its secret references resolved.
   *
   * @param definition the definition holding the values
   * @param values the values, by secret name
   */
  record Resolved(StreamDefinition definition, Map<String, String> values) {}

  /**
   * {@code stream} with its references resolved; itself when it has none.
   *
   * @throws SecretsUnresolvedException when a secret does not exist or the control plane does not
   *     answer, naming the secrets and the fix
   */
  Resolved resolve(StreamDefinition stream) throws SecretsUnresolvedException {
    Map<String, String> references = SecretReferences.in(stream);
    if (references.isEmpty()) {
      return new Resolved(stream, Map.of());
    }
    String namespace = stream.metadata().namespace();
    Set<String> names = SecretReferences.names(stream);
    ResolveSecretsResponse answer;
    try {
      answer = registry.apply(ResolveSecretsRequest.newBuilder().setWorkerId(workerId.get())
          .setNamespace(namespace).setName(stream.metadata().name()).addAllSecretNames(names).build());
    } catch (StatusRuntimeException e) {
      throw new SecretsUnresolvedException("cannot resolve the secrets " + names + " of stream " + stream.id()
          + ": the control plane answered " + e.getStatus().getCode() + " (" + e.getStatus().getDescription()
          + "); the instance starts again after a backoff");
    }
    if (answer.getMissingCount() > 0) {
      String where = references.entrySet().stream()
          .filter(e -> answer.getMissingList().contains(e.getValue()))
          .map(e -> e.getKey() + ": secret '" + e.getValue() + "' does not exist in namespace '" + namespace
              + "'; create it with PUT /api/v1/secrets/" + namespace + "/" + e.getValue())
          .collect(Collectors.joining("; "));
      throw new SecretsUnresolvedException(where);
    }
    return new Resolved(SecretReferences.resolve(stream, answer.getValuesMap()), answer.getValuesMap());
  }

  /** A stream's secrets could not be resolved; the message names them, never a value. */
  static final class SecretsUnresolvedException extends Exception {
    SecretsUnresolvedException(String message) {
      super(message);
    }
  }
}
