package dev.sluice.connectors.http;

import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.RetriableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The JDK's HTTP client behind the {@link SsrfGuard}: every request's host is resolved and judged
 * right before it is sent, redirects are never followed (a redirect could lead anywhere), no proxy
 * is used, and response bodies are read only up to a limit.
 *
 * <p>Thread-safe, as {@link HttpClient} is; each component instance has its own.
 */
final class GuardedClient implements AutoCloseable {

  /** How much of an error response's body goes into a message. */
  private static final int SNIPPET = 300;

  private final HttpClient client;
  private final SsrfGuard guard;

  /**
   * @param url the destination, which decides the protocol: HTTP/1.1 for http (no upgrade
   *     attempt), HTTP/2 with fallback for https
   * @param connectTimeout how long connecting may take
   */
  GuardedClient(SsrfGuard guard, URI url, Duration connectTimeout) {
    this(guard, "https".equalsIgnoreCase(url.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1,
        connectTimeout);
  }

  /** A client for destinations known only per request, speaking {@code version}. */
  GuardedClient(SsrfGuard guard, HttpClient.Version version, Duration connectTimeout) {
    this.guard = guard;
    this.client = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .proxy(HttpClient.Builder.NO_PROXY)
        .version(version)
        .build();
  }

  /**
   * An answer: the status, headers, and up to the limit of the body.
   *
   * @param truncated whether the body was longer than the limit and cut there
   */
  record Response(int status, HttpHeaders headers, byte[] body, boolean truncated) {

    boolean ok() {
      return status / 100 == 2;
    }

    /** The status and the start of the body, for messages. */
    String describe() {
      String text = new String(body, 0, Math.min(body.length, SNIPPET), StandardCharsets.UTF_8)
          .replaceAll("\\s+", " ").strip();
      return status + (text.isEmpty() ? "" : " (" + text + (body.length > SNIPPET ? "..." : "")
          + ")");
    }
  }

  /**
   * Sends {@code request} once.
   *
   * @param maxBodyBytes how much of the response body to read
   * @throws ConfigException when the guard refuses the destination
   * @throws RetriableException when the host does not resolve, the connection fails or no answer
   *     comes within the request's timeout
   */
  Response send(HttpRequest request, long maxBodyBytes)
      throws ConfigException, RetriableException {
    URI url = request.uri();
    guard.checkResolved("url", url);
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        boolean truncated = body.length > maxBodyBytes;
        if (truncated) {
          body = Arrays.copyOf(body, (int) maxBodyBytes);
        }
        return new Response(response.statusCode(), response.headers(), body, truncated);
      }
    } catch (HttpTimeoutException e) {
      throw new RetriableException(request.method() + " " + url + " got no answer within "
          + request.timeout().map(Duration::toString).orElse("the timeout") + "; the server "
          + "may be overloaded, or raise timeout", e);
    } catch (IOException e) {
      throw new RetriableException(request.method() + " " + url + " failed: " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException(request.method() + " " + url + " was interrupted", e);
    }
  }

  /** Closes connections and the client's threads. */
  @Override
  public void close() {
    client.shutdownNow();
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    String name = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? name : name + ": " + message;
  }
}
