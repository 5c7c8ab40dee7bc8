package dev.sluice.connectors.http;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.SourceConnector;
import dev.sluice.api.component.SourceConnectorProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;

/** Announces the {@code http_poll} input and creates its sources. */
public final class HttpPollInputProvider implements SourceConnectorProvider {

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("url", ConfigType.STRING)
          .required()
          .doc("The http or https URL to fetch.")
          .examples("https://api.example.com/v1/events"))
      .field(ConfigField.builder("method", ConfigType.ENUM)
          .choices("GET", "POST")
          .defaultValue("GET")
          .doc("The request method."))
      .field(ConfigField.builder("body", ConfigType.STRING)
          .doc("The request body, with method POST; sent as application/json unless headers set "
              + "a Content-Type.")
          .examples("{\"query\": \"status:open\"}"))
      .field(OutboundHeaders.field())
      .field(ConfigField.builder("interval", ConfigType.DURATION)
          .defaultValue("10s")
          .doc("How long to wait before asking again once a response brought nothing new. "
              + "Responses with records and a new cursor are followed at once, page after page."))
      .field(ConfigField.builder("timeout", ConfigType.DURATION)
          .defaultValue("10s")
          .doc("How long connecting and each response may take."))
      .field(ConfigField.builder("records", ConfigType.EXPRESSION)
          .doc("JSONata expression that selects the records from the response body: an array "
              + "gives one record per element, any other value one record, nothing none. Unset: "
              + "the body itself, one record per element when it is an array.")
          .examples("items", "data.events[status = 'open']"))
      .field(ConfigField.builder("cursor", ConfigType.EXPRESSION)
          .doc("JSONata expression that gives, from each response body, the cursor of the next "
              + "request, sent as the query parameter cursorParam. Unset: every request is the "
              + "same, and every response's records are taken anew.")
          .examples("next_cursor", "$max(items.id)"))
      .field(ConfigField.builder("cursorParam", ConfigType.STRING)
          .defaultValue("cursor")
          .doc("The query parameter that carries the cursor."))
      .field(ConfigField.builder("maxBodyBytes", ConfigType.INTEGER)
          .range(1, 1L << 30)
          .defaultValue(16_777_216L)
          .advanced()
          .doc("The largest response body read, in bytes; a larger one fails the stream."))
      .field(SsrfGuard.allowPrivateNetworksField())
      .field(SsrfGuard.allowHostsField())
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("http_poll", ComponentKind.INPUT,
        "Fetches an HTTP API at an interval, following its cursor, and takes the records of "
            + "each response.", SPEC, HttpPollConfig::check);
  }

  @Override
  public SourceConnector create() {
    return new HttpPollSource();
  }
}
