package dev.sluice.dataplane.worker;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.dataplane.pipeline.InstanceCounters;
import dev.sluice.dataplane.pipeline.StageCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The worker's Prometheus metrics: per stream instance (labels {@code stream} and {@code
 * instance}) records in and out, errors, dead-lettered and dropped records, lag and processing
 * latency, plus JVM metrics;
 * served at {@code /metrics} on the worker's metrics port.
 */
final class WorkerMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<InstanceId, List<Meter>> meters = new HashMap<>();
  private final HttpServer server;

  /** Serves {@code /metrics} on {@code port} (0 picks a free one), or nothing when negative. */
  WorkerMetrics(int port) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    server = port < 0 ? null : serve(port);
  }

  private HttpServer serve(int port) {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(port), 0);
      http.createContext("/metrics", exchange -> {
        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
      http.start();
      return http;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve worker metrics on port " + port
          + "; choose another with --metrics-port", e);
    }
  }

  /** The port {@code /metrics} is served on, or -1 when not served. */
  int port() {
    return server == null ? -1 : server.getAddress().getPort();
  }

  /**
   * Publishes an instance's counters, its lag (records waiting in the partitions it holds, -1
   * when unknown) and the time each record spends in its topology.
   */
  synchronized void add(InstanceId id, InstanceCounters counters, LongSupplier lag) {
    Tags tags = Tags.of("stream", id.stream(), "instance", Integer.toString(id.instance()));
    List<Meter> list = new ArrayList<>();
    list.add(Gauge.builder("sluice_lag_records", lag, l -> l.getAsLong())
        .description("Records waiting in the partitions the instance holds; -1 when unknown")
        .tags(tags).strongReference(true).register(registry));
    Timer latency = Timer.builder("sluice_processing_latency")
        .description("Time from reading a record to handing its result to the output")
        .publishPercentiles(0.5, 0.99).tags(tags).register(registry);
    counters.reportLatenciesTo(nanos -> latency.record(nanos, TimeUnit.NANOSECONDS));
    list.add(latency);
    list.add(counter("sluice_records_in", "Records read from the stream's input", counters, InstanceCounters::in, tags));
    list.add(counter("sluice_records_out", "Records written to the stream's output", counters, InstanceCounters::out,
        tags));
    list.add(counter("sluice_record_errors", "Records a stage failed on", counters, InstanceCounters::errors, tags));
    list.add(counter("sluice_records_dead_lettered", "Records written to the dead-letter topic", counters,
        InstanceCounters::deadLettered, tags));
    list.add(counter("sluice_records_dropped", "Records the error policy dropped", counters,
        InstanceCounters::dropped, tags));
    counters.stages().forEach((stage, stageCounters) -> {
      Tags stageTags = tags.and("stage", stage);
      list.add(FunctionCounter.builder("sluice_stage_records_in", stageCounters, StageCounters::in)
          .description("Records an out-of-process stage read").tags(stageTags).register(registry));
      list.add(FunctionCounter.builder("sluice_stage_records_out", stageCounters, StageCounters::out)
          .description("Records an out-of-process stage wrote on").tags(stageTags).register(registry));
      list.add(FunctionCounter.builder("sluice_stage_record_errors", stageCounters, StageCounters::errors)
          .description("Records an out-of-process stage failed on").tags(stageTags).register(registry));
    });
    meters.put(id, list);
  }

  synchronized void remove(InstanceId id) {
    List<Meter> list = meters.remove(id);
    if (list != null) {
      list.forEach(registry::remove);
    }
  }

  /** The current metrics in Prometheus text format. */
  String scrape() {
    return registry.scrape();
  }

  private FunctionCounter counter(String name, String description, InstanceCounters counters,
      ToDoubleFunction<InstanceCounters> value, Tags tags) {
    return FunctionCounter.builder(name, counters, value).description(description).tags(tags).register(registry);
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
    registry.close();
  }
}
