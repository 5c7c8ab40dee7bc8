package dev.sluice.controlplane.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** Writes response bodies as JSON with one shared mapper. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static void send(Context ctx, int status, Object body) {
    send(ctx, status, body, "application/json");
  }

  static void send(Context ctx, int status, Object body, String contentType) {
    try {
      ctx.status(status).contentType(contentType).result(MAPPER.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response bodies are plain maps and lists", e);
    }
  }

  /** Parses JSON text into maps and lists, for stored canonical definitions. */
  static Object parse(String json) {
    try {
      return json == null || json.isEmpty() ? null : MAPPER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored definitions are JSON", e);
    }
  }
}
