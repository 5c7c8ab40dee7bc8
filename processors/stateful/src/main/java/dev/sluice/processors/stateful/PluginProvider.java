package dev.sluice.processors.stateful;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.ComponentProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Announces the {@code plugin} processor: an out-of-process processor, reached over gRPC. The
 * worker's engine runs it as a stage of its own between two internal topics (data-plane's {@code
 * RemoteStage}, ADR 8), launching the plugin from its {@code plugin.yaml} in the worker's plugins
 * directory or connecting to an address; this module holds what validation and the catalogue need.
 */
public final class PluginProvider implements ComponentProvider {

  public static final String NAME = "plugin";

  private static final Pattern PLUGIN_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.-]+:\\d{1,5}|\\[[0-9A-Fa-f:.]+]:\\d{1,5}");

  public static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("name", ConfigType.STRING)
          .doc("The plugin to launch: the 'name' in a plugin.yaml under the worker's plugins directory "
              + "(<plugins>/<dir>/plugin.yaml). Give either name or address.")
          .examples("uppercase-java"))
      .field(ConfigField.builder("address", ConfigType.STRING)
          .doc("host:port of a plugin that runs elsewhere (a sidecar, a service), spoken to over plaintext "
              + "gRPC. Give either name or address.")
          .examples("127.0.0.1:50051"))
      .field(ConfigField.builder("config", ConfigType.ANY)
          .doc("The plugin's own configuration, sent to it as JSON when each stream to it opens; the plugin "
              + "checks it and a refusal fails the stream instance with the plugin's reason.")
          .examples("{field: name}"))
      .field(ConfigField.builder("batchSize", ConfigType.INTEGER)
          .range(1, 10_000)
          .defaultValue(100L)
          .doc("Most records sent to the plugin in one batch."))
      .field(ConfigField.builder("maxInFlight", ConfigType.INTEGER)
          .range(1, 64)
          .defaultValue(4L)
          .doc("Most batches sent and not yet answered at once."))
      .field(ConfigField.builder("timeout", ConfigType.DURATION)
          .defaultValue("30s")
          .advanced()
          .doc("How long a batch may go unanswered before the connection counts as broken and every "
              + "unanswered batch is sent again."))
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor(NAME, ComponentKind.PROCESSOR,
        "Runs an out-of-process processor plugin, in any language, over gRPC.", SPEC, PluginProvider::check);
  }

  static List<Problem> check(Map<String, Object> config) {
    List<Problem> problems = new ArrayList<>();
    Object name = config.get("name");
    Object address = config.get("address");
    if (name == null && address == null) {
      problems.add(Problem.at("name", null, "give the plugin to launch, such as name: uppercase-java, or the "
          + "address of one that runs elsewhere, such as address: 127.0.0.1:50051"));
    } else if (name != null && address != null) {
      problems.add(Problem.at("address", String.valueOf(address), "give either name (a plugin the worker "
          + "launches) or address (one that runs elsewhere), not both; remove one"));
    }
    if (name instanceof String n && !PLUGIN_NAME.matcher(n).matches()) {
      problems.add(Problem.at("name", n, "'" + n + "' is not a plugin name; use the name from the plugin's "
          + "plugin.yaml: lower-case letters, digits, '-' and '_', starting with a letter, e.g. uppercase-java"));
    }
    if (address instanceof String a && !ADDRESS.matcher(a).matches()) {
      problems.add(Problem.at("address", a, "'" + a + "' is not host:port; write e.g. 127.0.0.1:50051 "
          + "or plugin-service:50051"));
    }
    return problems;
  }
}
