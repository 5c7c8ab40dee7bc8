package dev.sluice.controlplane.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.controlplane.auth.Action;
import dev.sluice.controlplane.streams.SampleRunner;
import dev.sluice.controlplane.streams.SampleRunner.Sample;
import dev.sluice.controlplane.streams.SampleRunner.SampleRunException;
import dev.sluice.definitions.DefinitionReader;
import dev.sluice.definitions.ReadResult;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/test}: runs a stream document's processors on sample records and answers
 * with the output, the dead letters and what each stage handed on. The document need not be saved
 * and may be paused; it must be valid.
 */
final class TestRoutes {

  private final DefinitionReader reader;
  private final SampleRunner runner;

  TestRoutes(DefinitionReader reader, SampleRunner runner) {
    this.reader = reader;
    this.runner = runner;
  }

  void register(JavalinConfig config) {
    config.routes.post("/api/v1/test", this::test);
  }

  private void test(Context ctx) throws Exception {
    Authentication.require(ctx, Action.READ, null);
    JsonNode body = body(ctx);
    if (!body.path("document").isTextual()) {
      throw ApiError.badRequest("'document' is required: the stream document, YAML or JSON, as text");
    }
    ReadResult read = reader.readOne("document", body.get("document").asText());
    if (!read.isValid()) {
      throw new ApiError(422, "Invalid stream definition", "fix the problems listed, then test again",
          read.problems());
    }
    List<Sample> samples = samples(body.path("input"));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("stream", read.definition().id());
    try {
      result.putAll(runner.run(read.definition(), samples));
    } catch (SampleRunException e) {
      throw new ApiError(422, "Stream cannot run", e.getMessage());
    }
    Json.send(ctx, 200, result);
  }

  private static JsonNode body(Context ctx) {
    try {
      return Json.MAPPER.readTree(ctx.body());
    } catch (Exception e) {
      throw ApiError.badRequest("the body is not JSON: " + e.getMessage()
          + "; send {\"document\": \"...\", \"input\": [{\"value\": ...}]}");
    }
  }

  private static List<Sample> samples(JsonNode input) {
    if (!input.isArray()) {
      throw ApiError.badRequest("'input' is required: a list of records such as "
          + "[{\"key\": \"k1\", \"value\": {...}, \"time\": \"2026-11-25T12:00:00Z\"}]");
    }
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      JsonNode r = input.get(i);
      if (!r.isObject() || !r.has("value")) {
        throw ApiError.badRequest("input[" + i + "] needs a 'value' (and may have 'key' and 'time')");
      }
      samples.add(new Sample(value(r.get("key")), value(r.get("value")), time(i, r.get("time"))));
    }
    return samples;
  }

  private static Object value(JsonNode node) {
    return node == null || node.isNull() ? null : Json.MAPPER.convertValue(node, Object.class);
  }

  private static Instant time(int i, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      return Instant.ofEpochMilli(node.asLong());
    }
    try {
      return Instant.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("input[" + i + "].time: '" + node.asText() + "' is not a time; "
          + "give an ISO-8601 time such as 2026-11-25T12:00:00Z, or epoch milliseconds");
    }
  }
}
