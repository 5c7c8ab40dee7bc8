package dev.sluice.connectors.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server of a worker's ingest port, shared by every {@code http_server} instance on
 * the worker: the first instance to start on a port opens it, the last to close stops it. Each
 * stream has a route, {@code POST /ingest/<namespace>/<name>}; anything else is 404.
 *
 * <p>The JDK's {@code com.sun.net.httpserver}, with a fixed pool of {@value #HANDLER_THREADS}
 * threads that read and parse requests and send the answers. A request's answer is sent when its
 * records are durable, from the pool, so no thread waits for Kafka.
 *
 * <p>The registry of servers is static: a worker loads this plugin in one class loader, so it has
 * one registry. Joining and leaving are serialised on the class.
 */
final class IngestServer {

  private static final Logger log = LoggerFactory.getLogger(IngestServer.class);

  /** Threads that read, parse and answer requests, per port. */
  static final int HANDLER_THREADS = 8;

  private static final String PREFIX = "/ingest/";
  private static final Map<Integer, IngestServer> RUNNING = new HashMap<>();

  private final int port;
  private final HttpServer http;
  private final ExecutorService pool;
  private final Map<String, IngestRoute> routes = new ConcurrentHashMap<>();
  /** Streams that had a route here and lost it: 503 (coming back, probably), not 404. */
  private final Set<String> departed = ConcurrentHashMap.newKeySet();
  private int members;

  private IngestServer(int port) throws IOException {
    this.port = port;
    this.pool = Executors.newFixedThreadPool(HANDLER_THREADS, threads(port));
    try {
      this.http = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      pool.shutdown();
      throw e;
    }
    http.setExecutor(pool);
    http.createContext("/", this::dispatch);
  }

  /** One instance's place on a server: where it acknowledges, and how it leaves. */
  final class Member {
    private final String stream;
    private final IngestRoute route;
    private final IngestQueue queue;

    private Member(String stream, IngestRoute route, IngestQueue queue) {
      this.stream = stream;
      this.route = route;
      this.queue = queue;
    }

    /** Answers 202, from the pool, to every request whose records are all at or before seq. */
    void acknowledge(long seq) {
      for (IngestQueue.Answer answer : queue.acknowledge(seq)) {
        pool.execute(() -> IngestReply.accepted(answer.records()).send(answer.exchange()));
      }
    }

    /**
     * Stops routing requests to this instance, answers 503 to its requests still waiting (their
     * clients send them again), and stops the server when this was its last instance.
     */
    void leave() {
      synchronized (IngestServer.class) {
        if (route.leave(queue)) {
          routes.remove(stream);
          departed.add(stream);
        }
        List<IngestQueue.Answer> open = queue.close();
        for (IngestQueue.Answer answer : open) {
          IngestReply.retryLater(503, "stream " + stream + " stopped on this worker before these "
              + "records were durable; send them again", Duration.ofSeconds(1))
              .send(answer.exchange());
        }
        if (!open.isEmpty()) {
          log.info("stream {} stopped with {} requests not yet durable; answered 503", stream,
              open.size());
        }
        if (--members == 0) {
          RUNNING.remove(port);
          http.stop(1);
          pool.shutdown();
          log.info("ingest server on port {} stopped", port);
        }
      }
    }
  }

  /**
   * Adds an instance of {@code stream} to the server on {@code port}, opening it if needed.
   *
   * @param resumeKey the {@code Idempotency-Key} of the instance's last durable record, or null
   * @param resumeIndex that record's index in its request
   * @throws IOException when the port cannot be opened
   */
  static Member join(int port, String stream, IngestQueue queue, IngestRoute.Settings settings,
      String resumeKey, int resumeIndex) throws IOException {
    synchronized (IngestServer.class) {
      IngestServer server = RUNNING.get(port);
      boolean opened = server == null;
      if (opened) {
        server = new IngestServer(port);
        RUNNING.put(port, server);
      }
      server.members++;
      IngestRoute route = server.routes.computeIfAbsent(stream, IngestRoute::new);
      route.join(queue, settings, resumeKey, resumeIndex);
      server.departed.remove(stream);
      if (opened) { // only now: a request must not find the first route missing
        server.http.start();
        log.info("ingest server listening on port {}", port);
      }
      return server.new Member(stream, route, queue);
    }
  }

  private void dispatch(HttpExchange exchange) {
    try {
      String path = exchange.getRequestURI().getPath();
      String stream = streamOf(path);
      IngestRoute route = stream == null ? null : routes.get(stream);
      if (route != null) {
        route.handle(exchange);
      } else if (stream != null && departed.contains(stream)) {
        IngestReply.retryLater(503, "stream " + stream + " is not running on this worker right "
            + "now; send again after Retry-After", Duration.ofSeconds(1)).send(exchange);
      } else {
        IngestReply.error(404, "nothing receives records at " + path + " on this worker; "
            + "streams with an http_server input take POST " + PREFIX + "<namespace>/<name>")
            .send(exchange);
      }
    } catch (RuntimeException e) {
      log.warn("ingest request {} {} failed", exchange.getRequestMethod(),
          exchange.getRequestURI(), e);
      IngestReply.error(500, "internal error: " + e.getMessage()).send(exchange);
    }
  }

  /** {@code namespace/name} of a path {@code /ingest/<namespace>/<name>}, or null. */
  private static String streamOf(String path) {
    if (path == null || !path.startsWith(PREFIX)) {
      return null;
    }
    String[] parts = path.substring(PREFIX.length()).split("/", -1);
    return parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()
        ? parts[0] + "/" + parts[1]
        : null;
  }

  private static ThreadFactory threads(int port) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "sluice-ingest-" + port + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
