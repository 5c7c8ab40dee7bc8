package dev.sluice.controlplane.http;

import dev.sluice.controlplane.auth.Action;
import dev.sluice.controlplane.scheduler.StatusQueries;
import dev.sluice.controlplane.streams.StreamService;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/streams/{namespace}/{name}/status/events}: the stream's status as server-sent
 * events. The status is read as {@code /status} reads it, every second, and sent as a
 * {@code status} event when it differs from the last one sent; a comment line goes out when
 * nothing changed for a while, which also finds clients that went away. One scheduler thread
 * serves every client; closing this stops it.
 */
final class StatusEventRoutes implements AutoCloseable {

  static final String PATH = "/api/v1/streams/{namespace}/{name}/status/events";

  private static final Logger log = LoggerFactory.getLogger(StatusEventRoutes.class);
  private static final Duration READ_EVERY = Duration.ofSeconds(1);
  private static final int HEARTBEAT_EVERY_READS = 5;

  private final StreamService streams;
  private final StatusQueries status;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "sluice-status-events");
    thread.setDaemon(true);
    return thread;
  });

  StatusEventRoutes(StreamService streams, StatusQueries status) {
    this.streams = streams;
    this.status = status;
  }

  void register(JavalinConfig config) {
    config.routes.get(PATH, this::events);
  }

  private void events(Context ctx) throws Exception {
    String namespace = ctx.pathParam("namespace");
    String name = ctx.pathParam("name");
    Authentication.require(ctx, Action.READ, namespace);
    StreamRoutes.find(streams, namespace, name);
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains("text/event-stream")) {
      throw new ApiError(406, "Not acceptable", "this route sends server-sent events: ask with "
          + "'Accept: text/event-stream', or read the status once with GET .../status");
    }
    new SseHandler(client -> follow(client, namespace, name)).handle(ctx);
  }

  private void follow(SseClient client, String namespace, String name) {
    client.keepAlive();
    AtomicReference<String> last = new AtomicReference<>();
    int[] quietReads = {0};
    AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
    client.onClose(() -> {
      ScheduledFuture<?> running = task.get();
      if (running != null) {
        running.cancel(false);
      }
      log.debug("Status events of {}/{} ended: the client went away", namespace, name);
    });
    task.set(scheduler.scheduleWithFixedDelay(() -> {
      try {
        String current = Json.MAPPER.writeValueAsString(StatusViews.current(status, namespace, name));
        if (!current.equals(last.getAndSet(current))) {
          quietReads[0] = 0;
          client.sendEvent("status", current);
        } else if (++quietReads[0] >= HEARTBEAT_EVERY_READS) {
          quietReads[0] = 0;
          client.sendComment("heartbeat");
        }
      } catch (Exception e) {
        log.warn("Could not read the status of {}/{} for its event stream; trying again: {}",
            namespace, name, e.toString());
      }
    }, 0, READ_EVERY.toMillis(), TimeUnit.MILLISECONDS));
    if (client.terminated()) {
      task.get().cancel(false);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
