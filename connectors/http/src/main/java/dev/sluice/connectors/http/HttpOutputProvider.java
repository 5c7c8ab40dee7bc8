package dev.sluice.connectors.http;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.SinkConnector;
import dev.sluice.api.component.SinkConnectorProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;

/** Announces the {@code http} output and creates its sinks. */
public final class HttpOutputProvider implements SinkConnectorProvider {

  private static final ConfigSpec BATCH = ConfigSpec.builder()
      .field(ConfigField.builder("count", ConfigType.INTEGER)
          .range(1, 100_000)
          .defaultValue(100L)
          .doc("The most records in one request."))
      .field(ConfigField.builder("bytes", ConfigType.INTEGER)
          .range(1, 1L << 30)
          .defaultValue(1_048_576L)
          .doc("The largest request body, in bytes; a single record larger than this is sent "
              + "alone."))
      .field(ConfigField.builder("period", ConfigType.DURATION)
          .defaultValue("200ms")
          .doc("How long to wait for a batch to fill before sending what there is."))
      .build();

  private static final ConfigSpec RETRY = ConfigSpec.builder()
      .field(ConfigField.builder("max", ConfigType.INTEGER)
          .range(0, 100)
          .defaultValue(3L)
          .doc("How many times a request is sent again after a 5xx, 408, 429, timeout or "
              + "connection error before the batch is handed back to Sluice, which tries it "
              + "again later."))
      .field(ConfigField.builder("backoff", ConfigType.DURATION)
          .defaultValue("250ms")
          .doc("The wait before the first retry; it doubles with each retry."))
      .field(ConfigField.builder("maxBackoff", ConfigType.DURATION)
          .defaultValue("10s")
          .doc("The longest wait between retries; a longer Retry-After hands the batch back at "
              + "once."))
      .build();

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("url", ConfigType.STRING)
          .required()
          .doc("The http or https URL records are sent to.")
          .examples("https://api.example.com/v1/events"))
      .field(ConfigField.builder("method", ConfigType.ENUM)
          .choices("POST", "PUT")
          .defaultValue("POST")
          .doc("The request method."))
      .field(OutboundHeaders.field())
      .field(ConfigField.builder("format", ConfigType.ENUM)
          .choices("json-array", "ndjson")
          .defaultValue("json-array")
          .doc("The request body: a JSON array of record values (application/json), or one "
              + "value per line (application/x-ndjson)."))
      .field(ConfigField.builder("batch", ConfigType.OBJECT)
          .nested(BATCH)
          .defaultValue(ConfigValues.defaults(BATCH))
          .doc("How records are gathered into requests."))
      .field(ConfigField.builder("timeout", ConfigType.DURATION)
          .defaultValue("10s")
          .doc("How long connecting and each response may take; a timeout is retried."))
      .field(ConfigField.builder("retry", ConfigType.OBJECT)
          .nested(RETRY)
          .defaultValue(ConfigValues.defaults(RETRY))
          .doc("Retries of a request within one write."))
      .field(SsrfGuard.allowPrivateNetworksField())
      .field(SsrfGuard.allowHostsField())
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("http", ComponentKind.OUTPUT,
        "Sends record values to an HTTP endpoint in batches, retrying transient failures.",
        SPEC, HttpSinkConfig::check);
  }

  @Override
  public SinkConnector create() {
    return new HttpSink();
  }
}
