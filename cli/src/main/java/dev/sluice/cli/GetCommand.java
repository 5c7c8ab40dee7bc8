package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.JsonSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice get}: reads streams from a control plane. */
@Command(name = "get", description = "Shows streams: a table for people, YAML or JSON for scripts.",
    subcommands = {GetCommand.ListStreams.class, GetCommand.ShowStream.class})
final class GetCommand {

  /** The {@code -o} option of both sub-commands. */
  static final class Output {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
        description = "table, wide (with observed status), yaml (documents you can apply again) or json "
            + "(default: ${DEFAULT-VALUE}).")
    OutputFormat format;
  }

  /** {@code sluice get streams}. */
  @Command(name = "streams", description = "Lists streams, in every namespace the token may read.")
  static final class ListStreams implements Callable<Integer> {

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Only this namespace.")
    String namespace;

    @Mixin Output output;
    @Mixin ServerOptions server;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      ApiClient api = server.client();
      String query = namespace == null ? "" : "?namespace=" + URLEncoder.encode(namespace, StandardCharsets.UTF_8);
      List<JsonNode> items = new ArrayList<>();
      api.get("/api/v1/streams" + query).path("items").forEach(items::add);
      print(api, items, output.format, spec.commandLine().getOut());
      return 0;
    }
  }

  /** {@code sluice get stream NS/NAME}. */
  @Command(name = "stream", description = "Shows one stream.")
  static final class ShowStream implements Callable<Integer> {

    @Parameters(paramLabel = "NS/NAME", description = "The stream, as namespace/name.")
    String id;

    @Mixin Output output;
    @Mixin ServerOptions server;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      ApiClient api = server.client();
      JsonNode stream = api.get(StreamPath.of(id));
      print(api, List.of(stream), output.format, spec.commandLine().getOut());
      return 0;
    }
  }

  private static void print(ApiClient api, List<JsonNode> streams, OutputFormat format, PrintWriter out) {
    switch (format) {
      case TABLE -> table(streams, false, api).print(out);
      case WIDE -> table(streams, true, api).print(out);
      case YAML -> {
        List<String> documents = streams.stream().map(s -> document(api, s)).map(OutputFormat::yaml).toList();
        out.print(String.join("---\n", documents));
      }
      case JSON -> {
        if (streams.size() == 1) {
          out.println(OutputFormat.json(document(api, streams.get(0))));
        } else {
          ArrayNode items = ApiClient.JSON.createArrayNode();
          streams.forEach(s -> items.add(document(api, s)));
          out.println(OutputFormat.json(ApiClient.JSON.createObjectNode().set("items", items)));
        }
      }
    }
  }

  private static TextTable table(List<JsonNode> streams, boolean wide, ApiClient api) {
    TextTable table = wide
        ? new TextTable("NAMESPACE", "NAME", "STATE", "VALID", "REVISION", "UPDATED", "STATUS", "RECORDS-IN",
            "RECORDS-OUT", "ERRORS")
        : new TextTable("NAMESPACE", "NAME", "STATE", "VALID", "REVISION", "UPDATED");
    for (JsonNode s : streams) {
      List<Object> cells = new ArrayList<>(List.of(s.path("namespace").asText(), s.path("name").asText(),
          s.path("state").asText(), s.path("valid").asBoolean() ? "yes" : "no", s.path("resourceVersion").asLong(),
          s.path("updatedAt").asText()));
      if (wide) {
        JsonNode status = api.get(StreamPath.of(s.path("namespace").asText() + "/" + s.path("name").asText())
            + "/status");
        cells.addAll(List.of(status.path("state").asText(), status.path("recordsIn").asLong(),
            status.path("recordsOut").asLong(), status.path("errors").asLong()));
      }
      table.row(cells.toArray());
    }
    return table;
  }

  /**
   * The stream's document: its canonical definition with {@code metadata.resourceVersion}, or the
   * text it was saved with when it does not validate (saved paused). A list item is fetched first.
   */
  private static JsonNode document(ApiClient api, JsonNode stream) {
    JsonNode full = stream.has("document") ? stream
        : api.get(StreamPath.of(stream.path("namespace").asText() + "/" + stream.path("name").asText()));
    if (full.path("definition").isObject()) {
      ObjectNode document = full.path("definition").deepCopy();
      ((ObjectNode) document.path("metadata")).put("resourceVersion", full.path("resourceVersion").asLong());
      return document;
    }
    Load yaml = new Load(LoadSettings.builder().setSchema(new JsonSchema()).build());
    return ApiClient.JSON.convertValue(yaml.loadFromString(full.path("document").asText()), JsonNode.class);
  }
}
