package dev.sluice.controlplane.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.controlplane.auth.Action;
import dev.sluice.controlplane.auth.Principal;
import dev.sluice.controlplane.dlq.DeadLetterService;
import dev.sluice.controlplane.dlq.DlqPage;
import dev.sluice.controlplane.dlq.DlqPosition;
import dev.sluice.controlplane.dlq.ReplayOutcome;
import dev.sluice.controlplane.dlq.ReplaySelection;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/streams/{namespace}/{name}/dlq}: a stream's dead letters, page by page, and their
 * replay. Listing needs read rights on the namespace, replaying write rights.
 */
final class DlqRoutes {

  private static final String DLQ = "/api/v1/streams/{namespace}/{name}/dlq";
  private static final int DEFAULT_PAGE = 50;

  private static final String SHAPE = "send {\"records\": [{\"partition\": 0, \"offset\": 5}, "
      + "\"1:7\"]} for given dead letters, or {\"upTo\": \"1:7\"} (optionally with \"after\") for "
      + "every one up to a position of the listing";

  private final DeadLetterService deadLetters;

  DlqRoutes(DeadLetterService deadLetters) {
    this.deadLetters = deadLetters;
  }

  void register(JavalinConfig config) {
    config.routes.get(DLQ, this::list);
    config.routes.post(DLQ + "/replay", this::replay);
  }

  private void list(Context ctx) {
    Authentication.require(ctx, Action.READ, ns(ctx));
    int limit = QueryParams.wholeNumber(ctx, "limit", DEFAULT_PAGE, DeadLetterService.MAX_PAGE);
    DlqPosition after = ctx.queryParam("after") == null ? null
        : position(ctx.queryParam("after"), "after");
    DlqPage page = deadLetters.list(ns(ctx), name(ctx), after, limit);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("topic", page.topic());
    body.put("partitions", page.partitions().stream().map(DlqViews::range).toList());
    body.put("items", page.items().stream()
        .map(l -> DlqViews.deadLetter(l, page.replays().get(l.position()))).toList());
    body.put("next", page.next() == null ? null : page.next().toString());
    Json.send(ctx, 200, body);
  }

  private void replay(Context ctx) {
    Principal p = Authentication.require(ctx, Action.WRITE, ns(ctx));
    ReplayOutcome outcome = deadLetters.replay(ns(ctx), name(ctx), selection(ctx.body()), p.name());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("summary", outcome.summary());
    body.put("replayed", outcome.replayed().stream().map(DlqViews::replay).toList());
    body.put("alreadyReplayed", outcome.alreadyReplayed().stream().map(DlqViews::replay).toList());
    body.put("skipped", outcome.skipped().stream().map(DlqViews::skipped).toList());
    body.put("next", outcome.next() == null ? null : outcome.next().toString());
    Json.send(ctx, 200, body);
  }

  /** {@code {"records": [...]}} or {@code {"upTo": "p:o", "after": "p:o"}}. */
  private static ReplaySelection selection(String body) {
    JsonNode request;
    try {
      request = body.isBlank() ? null : Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("the body is not JSON (" + e.getOriginalMessage() + "); " + SHAPE);
    }
    if (request == null || !request.isObject()
        || request.has("records") == request.has("upTo")) {
      throw ApiError.badRequest("say which dead letters to replay: " + SHAPE);
    }
    try {
      if (request.has("records")) {
        List<DlqPosition> positions = new ArrayList<>();
        for (JsonNode record : request.path("records")) {
          positions.add(record.isTextual() ? DlqPosition.parse(record.asText(), "a record")
              : new DlqPosition((int) number(record, "partition", Integer.MAX_VALUE),
                  number(record, "offset", Long.MAX_VALUE)));
        }
        return ReplaySelection.Positions.of(positions);
      }
      return new ReplaySelection.Range(
          request.has("after") ? position(request.path("after").asText(), "after") : null,
          position(request.path("upTo").asText(), "upTo"));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private static long number(JsonNode record, String field, long max) {
    JsonNode n = record.path(field);
    if (!n.isIntegralNumber() || n.asLong() < 0 || n.asLong() > max) {
      throw new IllegalArgumentException("each record needs a whole-number " + field + " of 0 or "
          + "more, as in {\"partition\": 0, \"offset\": 5}, got " + record);
    }
    return n.asLong();
  }

  private static DlqPosition position(String text, String what) {
    try {
      return DlqPosition.parse(text, what);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private static String ns(Context ctx) {
    return ctx.pathParam("namespace");
  }

  private static String name(Context ctx) {
    return ctx.pathParam("name");
  }
}
