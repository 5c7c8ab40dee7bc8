package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice tap}: prints the records passing a point of a stream as they come, one line each,
 * until it has shown {@code -n} of them or is stopped.
 */
@Command(name = "tap", description = {
    "Prints the records a stream writes (or reads, or dead-letters) as they come, one per line:",
    "time, key and value, or the whole record as JSON with -o json. Stop it with Ctrl-C.",
    "After a processor (--at p0-mapping), it prints the samples the workers take there: a few",
    "records per second, with the stream's secret values hidden.",
    "Reads without a consumer group: it changes nothing and slows no stream down."})
final class TapCommand implements Callable<Integer> {

  @Parameters(paramLabel = "NS/NAME", description = "The stream, as namespace/name.")
  String id;

  @Option(names = "--at", defaultValue = "output", paramLabel = "POINT",
      description = "input, output, dead-letters, or p<i>-<type> after processor i (from 0), such as "
          + "p0-mapping (default: ${DEFAULT-VALUE}).")
  String at;

  @Option(names = {"-n", "--count"}, paramLabel = "N", description = "Stop after N records (default: never).")
  Integer count;

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT",
      description = "text (time, key, value) or json (one record per line, with topic, partition and offset).")
  String format;

  @Mixin ServerOptions server;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (!format.equals("text") && !format.equals("json")) {
      throw new UserError("-o " + format + " is not a format of tap; use text or json");
    }
    ApiClient api = server.client();
    PrintWriter out = spec.commandLine().getOut();
    String base = StreamPath.of(id) + "/tap?at=" + URLEncoder.encode(at, StandardCharsets.UTF_8);
    String cursor = null;
    int shown = 0;
    while (count == null || shown < count) {
      int limit = count == null ? 100 : Math.min(100, count - shown);
      JsonNode page = api.get(base + "&limit=" + limit
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
      for (JsonNode record : page.path("items")) {
        out.println(format.equals("json") ? record.toString() : line(record));
        shown++;
      }
      out.flush();
      cursor = page.path("next").asText();
    }
    return 0;
  }

  private static String line(JsonNode record) {
    return record.path("timestamp").asText() + "  " + shown(record, "key") + "  " + shown(record, "value");
  }

  private static String shown(JsonNode record, String field) {
    JsonNode value = record.path(field);
    return value.isNull() || value.isMissingNode() ? "-" : value.isTextual() ? value.asText() : value.toString();
  }
}
