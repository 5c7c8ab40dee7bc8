package dev.sluice.connectors.http;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.SourceConnector;
import dev.sluice.api.component.SourceConnectorProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;

/** Announces the {@code http_server} input and creates its sources. */
public final class HttpServerInputProvider implements SourceConnectorProvider {

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("token", ConfigType.STRING)
          .required()
          .secret()
          .doc("Bearer token clients send as 'Authorization: Bearer <token>'; at least "
              + HttpServerConfig.MIN_TOKEN_LENGTH + " characters. Keep it in a secret."))
      .field(ConfigField.builder("maxBodyBytes", ConfigType.INTEGER)
          .range(1, HttpServerConfig.MAX_BODY_LIMIT)
          .defaultValue(1_048_576L)
          .doc("The largest request body accepted, in bytes; larger requests get 413 and nothing "
              + "of them is written."))
      .field(ConfigField.builder("rateLimit", ConfigType.INTEGER)
          .range(1, 1_000_000)
          .doc("Requests a second the stream accepts on each worker, in bursts of up to one "
              + "second's worth; more get 429 with Retry-After. Unset: no limit."))
      .field(ConfigField.builder("queueBytes", ConfigType.INTEGER)
          .range(1024, 1L << 30)
          .defaultValue(8_388_608L)
          .advanced()
          .doc("Bytes of request bodies an instance holds before Sluice has written them to "
              + "Kafka; beyond that requests get 503 with Retry-After. A request of up to "
              + "maxBodyBytes is always taken when nothing is waiting."))
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("http_server", ComponentKind.INPUT,
        "Receives records POSTed to /ingest/<namespace>/<name> on the worker's ingest port, "
            + "answering 202 once they are durable.", SPEC, HttpServerConfig::check);
  }

  @Override
  public SourceConnector create() {
    return new HttpServerSource();
  }
}
