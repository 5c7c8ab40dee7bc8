package dev.sluice.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The control plane's REST API as the CLI calls it: JSON in and out, the token on every request,
 * and every failure turned into a {@link UserError} that says what the server said and what to do
 * (problems listed one a line, like a compiler). Not thread-safe; one per command.
 */
final class ApiClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final String server;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  ApiClient(String server, String token) {
    this.server = server.replaceAll("/+$", "");
    this.token = token;
  }

  /** {@code GET path}, answered with JSON. */
  JsonNode get(String path) {
    return send(request(path).GET());
  }

  /** {@code POST path} with {@code body} as JSON, answered with JSON. */
  JsonNode post(String path, Object body) {
    try {
      return send(request(path).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("request bodies are maps and lists", e);
    }
  }

  /** {@code DELETE path}. */
  void delete(String path) {
    send(request(path).DELETE());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server + path)).timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token).header("Accept", "application/json");
  }

  private JsonNode send(HttpRequest.Builder request) {
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new UserError("cannot reach the control plane at " + server + "; is it running? (--server, "
          + "SLUICE_SERVER)", e);
    } catch (HttpTimeoutException e) {
      throw new UserError("the control plane at " + server + " did not answer in time; try again", e);
    } catch (IOException e) {
      throw new UserError("the request to " + server + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while waiting for " + server, e);
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() / 100 != 2) {
      throw new UserError(refusal(response.statusCode(), body, response.body()));
    }
    return body;
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return JSON.getNodeFactory().textNode(body);
    }
  }

  private String refusal(int status, JsonNode problem, String raw) {
    StringBuilder message = new StringBuilder();
    message.append(problem.path("title").asText("HTTP " + status)).append(" (HTTP ").append(status).append("): ")
        .append(problem.path("detail").asText(raw));
    for (JsonNode p : problem.path("problems")) {
      message.append("\n  ");
      if (p.hasNonNull("source")) {
        message.append(p.path("source").asText()).append(':');
        if (p.has("line")) {
          message.append(p.path("line").asInt()).append(':').append(p.path("column").asInt()).append(':');
        }
        message.append(' ');
      }
      if (!p.path("path").asText().isEmpty()) {
        message.append(p.path("path").asText()).append(": ");
      }
      message.append(p.path("message").asText());
    }
    if (status == 401) {
      message.append("\n  pass a valid token with --token or SLUICE_TOKEN (server ").append(server).append(')');
    }
    return message.toString();
  }
}
