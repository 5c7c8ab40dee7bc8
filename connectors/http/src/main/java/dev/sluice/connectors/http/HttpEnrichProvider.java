package dev.sluice.connectors.http;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.Processor;
import dev.sluice.api.component.ProcessorProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Announces the {@code http} processor, which enriches records with an HTTP call each. */
public final class HttpEnrichProvider implements ProcessorProvider {

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("url", ConfigType.EXPRESSION)
          .required()
          .doc("Expression on each record's value giving the URL to call, such as "
              + "\"https://api.example.com/users/\" & userId. Only http and https.")
          .examples("\"https://api.example.com/users/\" & $string(userId)"))
      .field(ConfigField.builder("method", ConfigType.ENUM)
          .choices("GET", "POST")
          .defaultValue("GET")
          .doc("GET, or POST with 'body' as JSON."))
      .field(ConfigField.builder("body", ConfigType.EXPRESSION)
          .doc("POST only: expression giving the JSON body; the record's value when left out."))
      .field(OutboundHeaders.field())
      .field(ConfigField.builder("into", ConfigType.STRING)
          .required()
          .doc("Field of the record's value (an object) that receives the answer: parsed when it is "
              + "JSON, else as text.")
          .examples("user"))
      .field(ConfigField.builder("notFound", ConfigType.ENUM)
          .choices("keep", "drop", "fail")
          .defaultValue("keep")
          .doc("An answer 404: keep the record with null in 'into', drop it, or fail it (to the "
              + "error policy)."))
      .field(ConfigField.builder("timeout", ConfigType.DURATION)
          .defaultValue("5s")
          .doc("How long a call may take, connecting included; a call that takes longer is tried "
              + "again (the error policy's retry)."))
      .field(ConfigField.builder("cacheFor", ConfigType.DURATION)
          .defaultValue("0s")
          .doc("How long an answer is reused for the same request (URL, and body for POST); 0s "
              + "calls every time. Each instance keeps its own cache."))
      .field(ConfigField.builder("cacheSize", ConfigType.INTEGER)
          .defaultValue(10_000)
          .min(1)
          .doc("The most answers an instance's cache holds; the least recently used go first."))
      .field(ConfigField.builder("maxBodyBytes", ConfigType.INTEGER)
          .defaultValue(1_048_576)
          .min(1)
          .advanced()
          .doc("The largest answer read; a longer one fails the record."))
      .field(SsrfGuard.allowPrivateNetworksField())
      .field(SsrfGuard.allowHostsField())
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("http", ComponentKind.PROCESSOR,
        "Enriches each record with the answer of an HTTP call.", SPEC, HttpEnrichProvider::check);
  }

  @Override
  public Processor create() {
    return new HttpEnrichProcessor();
  }

  static List<Problem> check(Map<String, Object> config) {
    List<Problem> problems = new ArrayList<>(OutboundHeaders.check(config));
    if (config.get("body") != null && !"POST".equals(config.getOrDefault("method", "GET"))) {
      problems.add(Problem.at("body", String.valueOf(config.get("body")), "a body is sent with POST only; add "
          + "method: POST or remove body"));
    }
    if (config.get("into") instanceof String into && into.isBlank()) {
      problems.add(Problem.at("into", into, "'into' is blank; name the field that receives the answer"));
    }
    return problems;
  }
}
