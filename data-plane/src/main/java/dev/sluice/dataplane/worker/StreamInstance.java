package dev.sluice.dataplane.worker;

import dev.sluice.api.component.SinkConnectorProvider;
import dev.sluice.api.component.SourceConnectorProvider;
import dev.sluice.api.definition.Guarantee;
import dev.sluice.dataplane.connect.SinkRunner;
import dev.sluice.dataplane.connect.SourceRunner;
import dev.sluice.dataplane.pipeline.InstanceContext;
import dev.sluice.dataplane.pipeline.InstanceCounters;
import dev.sluice.dataplane.pipeline.StreamPlan;
import dev.sluice.dataplane.pipeline.StageFailedException;
import dev.sluice.dataplane.pipeline.StreamSetupException;
import dev.sluice.dataplane.pipeline.StreamTopology;
import dev.sluice.dataplane.remote.RemoteStage;
import dev.sluice.dataplane.remote.StagePlugins;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of a stream running on this worker: its source connector (if the input is not
 * Kafka), its Kafka Streams app, its out-of-process stages with their plugin processes, and its
 * sink connector (if the output is not Kafka), and the samples of its live tap. Starts, reports state and counters, and stops
 * cleanly.
 */
public final class StreamInstance implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StreamInstance.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final InstanceId id;
  private final long epoch;
  private final long revision;
  private final StreamPlan plan;
  private final WorkerRuntime runtime;
  private final TapRedaction redaction;
  private final InstanceCounters counters = new InstanceCounters();
  private volatile InstanceState state = InstanceState.STARTING;
  private volatile String error = "";
  private volatile boolean sourceExhausted;
  private volatile KafkaStreams streams;
  private SourceRunner source;
  private volatile SinkRunner sink;
  private final List<StagePlugins> stagePlugins = new CopyOnWriteArrayList<>();
  private final List<RemoteStage> stages = new CopyOnWriteArrayList<>();
  private StageTap tap;
  private boolean closed;

  /** An instance of a stream that refers to no secrets. */
  public StreamInstance(InstanceId id, long epoch, long revision, StreamPlan plan, WorkerRuntime runtime) {
    this(id, epoch, revision, plan, runtime, Map.of());
  }

  /**
   * An instance of the stream of {@code plan}, whose definition holds the values of the secrets
   * {@code secretValues} (by name) names; the live tap hides those values.
   */
  public StreamInstance(InstanceId id, long epoch, long revision, StreamPlan plan, WorkerRuntime runtime,
      Map<String, String> secretValues) {
    this.id = id;
    this.epoch = epoch;
    this.revision = revision;
    this.plan = plan;
    this.runtime = runtime;
    this.redaction = new TapRedaction(secretValues);
  }

  /**
   * Creates the stream's topics, then starts the topology and the source connector.
   *
   * @throws StreamSetupException when the stream cannot run on this worker
   */
  public synchronized void start() throws StreamSetupException {
    try {
      new TopicProvisioner(runtime.admin()).provision(plan);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StreamSetupException("interrupted while creating topics", e);
    } catch (ExecutionException e) {
      throw new StreamSetupException("cannot create the stream's topics: " + e.getCause().getMessage(), e);
    }
    tap = new StageTap(runtime.bootstrapServers(), plan.topics().tap(),
        plan.topics().applicationId() + "-" + id.instance() + "-e" + epoch + "-tap", redaction);
    var topology = new StreamTopology(runtime.components(), runtime.expressions(), Clock.systemUTC(),
        d -> Thread.sleep(d.toMillis())).build(plan, id.instance(), counters, tap.sampler());
    streams = new KafkaStreams(topology, streamsConfig());
    streams.setStateListener((now, before) -> onStreamsState(now));
    streams.setUncaughtExceptionHandler(e -> {
      fail(describe(e));
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    if (plan.hasSourceConnector()) {
      source = sourceRunner();
    }
    if (plan.hasSinkConnector()) {
      sink = sinkRunner();
    }
    startRemoteStages();
    streams.start();
    if (sink != null) {
      sink.start();
    }
    if (source != null) {
      source.start();
    }
    log.info("started {} (epoch {}, revision {})", id, epoch, revision);
  }

  /**
   * Launches the plugins of every out-of-process stage and starts the stages; stops what it
   * started when one cannot start.
   */
  private void startRemoteStages() throws StreamSetupException {
    try {
      for (StreamPlan.Segment segment : plan.remoteStages()) {
        StagePlugins plugins = StagePlugins.open(plan, segment, runtime.components(), id.toString());
        stagePlugins.add(plugins);
        stages.add(new RemoteStage(plan, segment, plugins.plugins(), runtime.bootstrapServers(),
            plan.topics().stageGroup(segment.from()) + "-" + id.instance() + "-e" + epoch, counters, this::fail));
      }
    } catch (StreamSetupException | RuntimeException e) {
      stopRemoteStages();
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopRemoteStages();
      throw new StreamSetupException("interrupted while launching the stream's plugins", e);
    }
    stages.forEach(RemoteStage::start);
  }

  private void stopRemoteStages() {
    stages.forEach(RemoteStage::close);
    stagePlugins.forEach(StagePlugins::close);
    stages.clear();
    stagePlugins.clear();
  }

  /** The plugins launched for the out-of-process stages, for diagnostics and tests. */
  public List<StagePlugins> stagePlugins() {
    return List.copyOf(stagePlugins);
  }

  /** The stage failure inside Kafka Streams' wrapping, which says where and why; else the error. */
  private static String describe(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof StageFailedException) {
        return t.getMessage();
      }
    }
    return error.getMessage();
  }

  private SourceRunner sourceRunner() throws StreamSetupException {
    var input = plan.definition().spec().input();
    SourceConnectorProvider provider = runtime.components().source(input.type());
    Optional<Map<String, Object>> position = runtime.offsets().load(id.toString());
    var context = InstanceContext.of(plan, id.instance(), input, runtime.expressions(), position)
        .withWorkerSettings(runtime.componentSettings());
    return new SourceRunner(provider.create(), context, plan.topics().ingress(), plan.inputFormat(), id.toString(),
        runtime.offsets(),
        runtime.bootstrapServers(), new SourceRunner.Listener() {
          @Override
          public void exhausted() {
            sourceExhausted = true;
          }

          @Override
          public void failed(String message) {
            fail(message);
          }
        });
  }

  private SinkRunner sinkRunner() throws StreamSetupException {
    var output = plan.definition().spec().output();
    SinkConnectorProvider provider = runtime.components().sink(output.type());
    var context = InstanceContext.of(plan, id.instance(), output, runtime.expressions(), Optional.empty())
        .withWorkerSettings(runtime.componentSettings());
    return new SinkRunner(provider.create(), context, plan, runtime.bootstrapServers(), counters, this::fail);
  }

  private Properties streamsConfig() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, plan.topics().applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers());
    p.put(StreamsConfig.CLIENT_ID_CONFIG, plan.topics().applicationId() + "-" + id.instance() + "-e" + epoch);
    p.put(StreamsConfig.STATE_DIR_CONFIG, runtime.stateDir().resolve(id.namespace() + "." + id.name() + "." + id.instance()).toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        plan.definition().spec().guarantee() == Guarantee.EXACTLY_ONCE ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
    if (!plan.hasSinkConnector()) {
      p.putAll(OutputProducerSettings.of(plan.definition().spec().output().config()));
    }
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    // A dead worker's partitions move to the others after this, not after the 45 s default.
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2_000);
    Object start = plan.hasSourceConnector() ? "earliest" : plan.definition().spec().input().config().get("start");
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), start);
    return p;
  }

  private void onStreamsState(KafkaStreams.State now) {
    switch (now) {
      case RUNNING -> {
        if (state == InstanceState.STARTING) {
          state = InstanceState.RUNNING;
        }
      }
      case ERROR -> fail(error.isEmpty() ? "the stream's Kafka Streams app stopped with an error" : error);
      default -> { }
    }
  }

  private void fail(String message) {
    error = message == null ? "unknown error" : message;
    state = InstanceState.FAILED;
    log.error("{} failed: {}", id, error);
  }

  /**
   * Marks the instance completed once its finite source has run out and the topology has caught
   * up with everything the source wrote ({@code ingressLag} 0). Called periodically by the worker.
   */
  public void checkCompleted(long ingressLag) {
    if (sourceExhausted && ingressLag == 0 && state == InstanceState.RUNNING) {
      state = InstanceState.COMPLETED;
      log.info("{} completed", id);
    }
  }

  public boolean sourceExhausted() {
    return sourceExhausted;
  }

  public InstanceId id() {
    return id;
  }

  public long epoch() {
    return epoch;
  }

  public long revision() {
    return revision;
  }

  public StreamPlan plan() {
    return plan;
  }

  public InstanceState state() {
    return state;
  }

  public String error() {
    return error;
  }

  public InstanceCounters counters() {
    return counters;
  }

  /**
   * Records waiting for this instance in the partitions it holds (the topology's input, the topics
   * before out-of-process stages, and the output topic when a sink connector delivers it), or -1
   * before anything was fetched.
   */
  public long lag() {
    KafkaStreams topology = streams;
    SinkRunner output = sink;
    long topologyLag = topology == null ? -1 : FetchLag.of(topology.metrics());
    long sinkLag = output == null ? -1 : FetchLag.of(output.consumerMetrics());
    long stagesLag = -1;
    for (RemoteStage stage : stages) {
      long lag = FetchLag.of(stage.consumerMetrics());
      stagesLag = lag < 0 ? stagesLag : Math.max(stagesLag, 0) + lag;
    }
    return topologyLag < 0 && sinkLag < 0 && stagesLag < 0 ? -1
        : Math.max(topologyLag, 0) + Math.max(sinkLag, 0) + Math.max(stagesLag, 0);
  }

  /** Stops the source first, then lets Kafka Streams commit what it processed. */
  @Override
  public synchronized void close() {
    // A failed or completed instance is closed when it ends and again when it is discarded.
    if (closed) {
      return;
    }
    closed = true;
    if (source != null) {
      source.close();
    }
    if (streams != null) {
      streams.close(CLOSE_TIMEOUT);
    }
    stopRemoteStages();
    if (sink != null) {
      sink.close();
    }
    if (tap != null) {
      tap.close();
    }
    if (state != InstanceState.FAILED && state != InstanceState.COMPLETED) {
      state = InstanceState.STOPPED;
    }
    log.info("stopped {} (epoch {})", id, epoch);
  }
}
