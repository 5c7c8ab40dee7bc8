package dev.sluice.controlplane.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.controlplane.ControlPlane;
import dev.sluice.controlplane.ControlPlaneConfig;
import dev.sluice.controlplane.auth.Role;
import dev.sluice.controlplane.secrets.SecretCipher;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.KafkaExtension;
import dev.sluice.testkit.PostgresExtension;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** {@code .../status/events} on a real control plane: events on change, heartbeats, auth, and the end of a client. */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusEventsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STREAM = """
      apiVersion: sluice.dev/v1
      kind: Stream
      metadata: {name: clicks, namespace: web}
      spec:
        input: {generate: {template: '{"id": $seq}', count: 5}}
        output: {kafka: {topic: clicks}}
      """;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger routesLog = (Logger) LoggerFactory.getLogger(StatusEventRoutes.class);
  private ControlPlane controlPlane;
  private String editor;
  private String viewer;
  private String stranger;

  @BeforeAll
  void start(EmbeddedKafka kafka, EmbeddedPostgres postgres) throws Exception {
    logs.start();
    routesLog.setLevel(Level.DEBUG);
    routesLog.addAppender(logs);
    controlPlane = ControlPlane.start(new ControlPlaneConfig(postgres.createDatabase("status_events"), null, null,
        kafka.bootstrapServers(), (short) 1, "127.0.0.1", 0, 0, "join", SecretCipher.newKeyBase64(),
        Duration.ofSeconds(10), Duration.ofSeconds(3), null), ComponentCatalog.load(getClass().getClassLoader()));
    editor = token("editor", Role.EDITOR, "web");
    viewer = token("viewer", Role.VIEWER, "web");
    stranger = token("stranger", Role.VIEWER, "elsewhere");
    assertThat(send(request("/api/v1/streams", editor).POST(HttpRequest.BodyPublishers.ofString(STREAM)))
        .statusCode()).isEqualTo(201);
  }

  @AfterAll
  void stop() {
    controlPlane.close();
    routesLog.detachAppender(logs);
    routesLog.setLevel(null);
  }

  @Test
  void sendsTheStatusAtOnceAndOnEachChangeWithHeartbeatsBetweenAndStopsWhenTheClientGoes() throws Exception {
    HttpResponse<Stream<String>> response = http.send(events("/api/v1/streams/web/clicks/status/events", viewer)
        .build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/event-stream"));
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    AtomicBoolean closing = new AtomicBoolean();
    Thread.ofVirtual().start(() -> {
      try {
        response.body().forEach(lines::add);
      } catch (UncheckedIOException e) {
        if (!closing.get()) {
          throw e;
        }
      }
    });

    JsonNode first = nextStatus(lines);
    assertThat(first.path("state").asText()).isEqualTo("pending");
    assertThat(first.path("name").asText()).isEqualTo("clicks");

    assertThat(send(request("/api/v1/streams/web/clicks/pause", editor).POST(HttpRequest.BodyPublishers.noBody()))
        .statusCode()).isEqualTo(200);
    JsonNode paused = nextStatus(lines);
    assertThat(paused.path("state").asText()).isEqualTo("paused");
    assertThat(paused.path("instances").get(0).path("state").asText()).isEqualTo("stopped");

    assertThat(nextLineStartingWith(lines, ":")).as("a heartbeat while nothing changes").isEqualTo(": heartbeat");

    closing.set(true);
    response.body().close();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .contains("Status events of web/clicks ended: the client went away"));
  }

  @Test
  void refusesWithoutATokenOutsideTheNamespaceForAnUnknownStreamAndWithoutTheEventStreamType() throws Exception {
    String path = "/api/v1/streams/web/clicks/status/events";
    assertThat(send(events(path, null)).statusCode()).isEqualTo(401);
    assertThat(send(events(path, stranger)).statusCode()).isEqualTo(403);
    HttpResponse<String> unknown = send(events("/api/v1/streams/web/nope/status/events", viewer));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("web/nope does not exist");
    HttpResponse<String> plain = send(request(path, viewer));
    assertThat(plain.statusCode()).isEqualTo(406);
    assertThat(plain.body()).contains("Accept: text/event-stream");
  }

  private static JsonNode nextStatus(BlockingQueue<String> lines) throws Exception {
    assertThat(nextLineStartingWith(lines, "event:")).isEqualTo("event: status");
    String data = nextLineStartingWith(lines, "data:");
    return JSON.readTree(data.substring("data:".length()).strip());
  }

  /** The next line with this prefix, skipping others; fails when none comes in 20 s. */
  private static String nextLineStartingWith(BlockingQueue<String> lines, String prefix) throws Exception {
    while (true) {
      String line = lines.poll(20, TimeUnit.SECONDS);
      assertThat(line).as("a line starting with '%s'", prefix).isNotNull();
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  private HttpRequest.Builder events(String path, String token) {
    return request(path, token).header("Accept", "text/event-stream");
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPlane.httpPort() + path));
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String token(String name, Role role, String namespace) {
    String plaintext = "sluice_" + name + "-" + UUID.randomUUID();
    controlPlane.tokens().ensureToken(name, plaintext, role, List.of(namespace));
    return plaintext;
  }
}
