package dev.sluice.controlplane.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls a test control plane's REST API with one token; for the GitOps ITs. */
final class RestClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final String token;

  RestClient(int port, String token) {
    this.port = port;
    this.token = token;
  }

  /** The response of {@code method path} with {@code body} ({@code null} for none). */
  HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Authorization", "Bearer " + token)
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The JSON body of a call that must answer {@code status}. */
  JsonNode expect(int status, String method, String path, Object body) throws IOException, InterruptedException {
    HttpResponse<String> response = call(method, path, body == null ? null
        : body instanceof String text ? text : JSON.writeValueAsString(body));
    if (response.statusCode() != status) {
      throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ", not " + status
          + ": " + response.body());
    }
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }
}
