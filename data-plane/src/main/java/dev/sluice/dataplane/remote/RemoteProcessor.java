package dev.sluice.dataplane.remote;

import dev.sluice.api.Problem;
import dev.sluice.api.error.ConfigException;
import dev.sluice.dataplane.pipeline.Backoff;
import dev.sluice.proto.v1.Configure;
import dev.sluice.proto.v1.DescribeRequest;
import dev.sluice.proto.v1.DescribeResponse;
import dev.sluice.proto.v1.ErrorKind;
import dev.sluice.proto.v1.PluginRecord;
import dev.sluice.proto.v1.ProcessRequest;
import dev.sluice.proto.v1.ProcessResponse;
import dev.sluice.proto.v1.ProcessorPluginGrpc;
import dev.sluice.proto.v1.RecordResult;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's side of an out-of-process processor: sends batches of records to a plugin over one
 * {@code ProcessorPlugin.Process} stream and delivers each batch's results in the order the
 * batches were submitted, so records of one key keep their order whatever order the plugin
 * answers in.
 *
 * <p>Delivery is at-least-once: a batch stays pending until its answer arrived. When the stream
 * breaks (the plugin died or restarted, the connection dropped, an answer took longer than the
 * call timeout) a new stream is opened after a backoff and every unanswered batch is sent again,
 * in order. A batch with a transient error on any record is sent again, whole, after a backoff.
 * Only permanent errors reach the caller, per record, as {@link RemoteResult.Failed}. A plugin
 * that refuses its config ends everything: pending and later batches fail with a {@link
 * ConfigException}.
 *
 * <p>Thread-safe. {@link #process} blocks while {@code maxInFlight} batches are undelivered.
 * Futures complete on the channel's network thread: wait for them (or hand continuations an
 * executor of their own) rather than doing slow work in a continuation. A batch's results are
 * released only after every earlier batch's are, so a caller that reads the futures in
 * submission order never waits out of turn.
 */
public final class RemoteProcessor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RemoteProcessor.class);
  private static final Duration DESCRIBE_DEADLINE = Duration.ofSeconds(5);

  private final String name;
  private final String configJson;
  private final RemoteProcessorSettings settings;
  private final ManagedChannel channel;
  private final ProcessorPluginGrpc.ProcessorPluginStub stub;
  private final Semaphore inFlight;
  private final ScheduledExecutorService timer;
  private final Backoff reconnectBackoff;

  private final Object lock = new Object();
  private final ArrayDeque<PendingBatch> pending = new ArrayDeque<>();
  private final Map<Long, PendingBatch> byId = new HashMap<>();
  private long nextBatchId = 1;
  private Connection connection;
  private boolean closed;
  private ConfigException refused;

  /**
   * Connects to a plugin at {@code target} and opens the first stream.
   *
   * @param name names the plugin in log lines and errors, such as {@code uppercase in ns/stream}
   * @param target {@code host:port} of the plugin's gRPC server (plaintext)
   * @param configJson the processor's config as a JSON object, sent first on every stream
   */
  public RemoteProcessor(String name, String target, String configJson, RemoteProcessorSettings settings) {
    this.name = name;
    this.configJson = configJson;
    this.settings = settings;
    // Callbacks are short and never block (a lookup under the lock, a future completed), so they
    // run on the network thread instead of hopping to an executor per message.
    this.channel = NettyChannelBuilder.forTarget(target).usePlaintext().directExecutor().build();
    this.stub = ProcessorPluginGrpc.newStub(channel);
    this.inFlight = new Semaphore(settings.maxInFlight());
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sluice-remote-" + name);
      t.setDaemon(true);
      return t;
    });
    this.reconnectBackoff = new Backoff(settings.firstBackoff(), settings.maxBackoff());
    synchronized (lock) {
      connect();
    }
  }

  /** Asks the plugin what it is; throws gRPC's {@code StatusRuntimeException} when it cannot answer. */
  public DescribeResponse describe() {
    return ProcessorPluginGrpc.newBlockingStub(channel)
        .withDeadlineAfter(DESCRIBE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
        .describe(DescribeRequest.getDefaultInstance());
  }

  /**
   * Sends {@code records}, split into batches of at most {@code batchSize}, and returns their
   * results: one per record, in the order given. Blocks while {@code maxInFlight} batches are
   * undelivered. The future completes after every batch submitted earlier, by any thread, has;
   * it fails only with a {@link ConfigException} (the plugin refused its config) or when this
   * processor is closed first.
   *
   * @throws InterruptedException while waiting for room in flight; batches already sent stay
   */
  public CompletableFuture<List<RemoteResult>> process(List<PluginRecord> records) throws InterruptedException {
    List<CompletableFuture<List<RemoteResult>>> parts = new ArrayList<>();
    for (int from = 0; from < records.size(); from += settings.batchSize()) {
      inFlight.acquire();
      parts.add(submit(records.subList(from, Math.min(from + settings.batchSize(), records.size()))));
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    // Parts complete in order, so the last one completing means all have.
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
      List<RemoteResult> all = new ArrayList<>(records.size());
      parts.forEach(part -> all.addAll(part.join()));
      return all;
    });
  }

  private CompletableFuture<List<RemoteResult>> submit(List<PluginRecord> records) {
    synchronized (lock) {
      if (closed || refused != null) {
        inFlight.release();
        return CompletableFuture.failedFuture(refused != null ? refused : closedError());
      }
      PendingBatch batch = new PendingBatch(nextBatchId++, records, settings.firstBackoff(), settings.maxBackoff());
      pending.add(batch);
      byId.put(batch.id, batch);
      if (connection != null) {
        send(batch);
      }
      return batch.future;
    }
  }

  /** Opens a new stream, configures it, and sends every batch waiting to be sent, in order. */
  private void connect() {
    Connection fresh = new Connection();
    connection = fresh;
    fresh.requests = stub.process(fresh);
    fresh.requests.onNext(ProcessRequest.newBuilder()
        .setConfigure(Configure.newBuilder().setConfigJson(configJson)).build());
    for (PendingBatch batch : pending) {
      if (batch.results == null && batch.sentOn == null) {
        send(batch);
      }
    }
  }

  private void send(PendingBatch batch) {
    Connection on = connection;
    batch.sentOn = on;
    on.requests.onNext(batch.request);
    batch.timeout = timer.schedule(() -> late(batch, on), settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void late(PendingBatch batch, Connection on) {
    synchronized (lock) {
      if (batch.sentOn == on && batch.results == null) {
        broken(on, Status.DEADLINE_EXCEEDED.withDescription(
            "batch " + batch.id + " unanswered after " + settings.callTimeout()));
      }
    }
  }

  private void answered(Connection on, ProcessResponse response) {
    List<PendingBatch> delivered = new ArrayList<>();
    synchronized (lock) {
      PendingBatch batch = byId.get(response.getBatchId());
      if (on != connection || batch == null || batch.sentOn != on) {
        return; // an answer to a batch already delivered, or from a stream given up
      }
      if (response.getResultsCount() != batch.size) {
        broken(on, Status.INTERNAL.withDescription("the plugin answered batch " + batch.id + " with "
            + response.getResultsCount() + " results for " + batch.size + " records"));
        return;
      }
      batch.unsend();
      reconnectBackoff.reset();
      Optional<String> transientError = transientError(response);
      if (transientError.isPresent()) {
        Duration wait = batch.transientBackoff.next(Optional.empty());
        log.warn("{}: transient error in batch {} ({}); sending it again in {}", name, batch.id,
            transientError.get(), wait);
        timer.schedule(() -> resend(batch), wait.toMillis(), TimeUnit.MILLISECONDS);
        return;
      }
      batch.results = results(response);
      while (!pending.isEmpty() && pending.peek().results != null) {
        PendingBatch done = pending.poll();
        byId.remove(done.id);
        delivered.add(done);
      }
    }
    // Outside the lock: callers' continuations must not run under it.
    for (PendingBatch done : delivered) {
      inFlight.release();
      done.future.complete(done.results);
    }
  }

  private void resend(PendingBatch batch) {
    synchronized (lock) {
      if (connection != null && byId.containsKey(batch.id) && batch.sentOn == null && batch.results == null) {
        send(batch);
      }
    }
  }

  /** Gives the stream up; unless the plugin refused its config, a new one follows after a backoff. */
  private void broken(Connection on, Status status) {
    List<PendingBatch> failed = new ArrayList<>();
    synchronized (lock) {
      if (on != connection || closed) {
        return;
      }
      connection = null;
      if (on.requests instanceof ClientCallStreamObserver<ProcessRequest> call) {
        call.cancel("stream given up: " + status, null);
      }
      pending.forEach(PendingBatch::unsend);
      if (status.getCode() == Status.Code.INVALID_ARGUMENT) {
        log.error("{}: the plugin refused its config: {}", name, status.getDescription());
        refused = new ConfigException(List.of(Problem.at("config", configJson,
            "the plugin " + name + " refused it: " + status.getDescription())));
        failed.addAll(pending);
        pending.clear();
        byId.clear();
      } else {
        Duration wait = reconnectBackoff.next(Optional.empty());
        log.warn("{}: stream to the plugin broke ({}: {}); {} batches to send again in {}", name,
            status.getCode(), status.getDescription(), pending.size(), wait);
        timer.schedule(this::reconnect, wait.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    for (PendingBatch batch : failed) {
      inFlight.release();
      batch.future.completeExceptionally(refused);
    }
  }

  private void reconnect() {
    synchronized (lock) {
      if (!closed && connection == null && refused == null) {
        connect();
      }
    }
  }

  private static Optional<String> transientError(ProcessResponse response) {
    for (RecordResult result : response.getResultsList()) {
      if (result.hasError() && result.getError().getKind() != ErrorKind.ERROR_KIND_PERMANENT) {
        return Optional.of(result.getError().getMessage());
      }
    }
    // A result with neither output nor error (an unset oneof) is an empty output: the record dropped.
    return Optional.empty();
  }

  private static List<RemoteResult> results(ProcessResponse response) {
    List<RemoteResult> results = new ArrayList<>(response.getResultsCount());
    for (RecordResult result : response.getResultsList()) {
      results.add(result.hasError()
          ? new RemoteResult.Failed(result.getError().getMessage())
          : new RemoteResult.Output(result.getOutput().getRecordsList()));
    }
    return results;
  }

  private IllegalStateException closedError() {
    return new IllegalStateException(name + ": the remote processor is closed");
  }

  /**
   * Ends the stream and the channel; batches not delivered yet fail. Call it after the futures
   * the caller waits for completed.
   */
  @Override
  public void close() {
    List<PendingBatch> abandoned;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      abandoned = new ArrayList<>(pending);
      pending.forEach(PendingBatch::unsend);
      pending.clear();
      byId.clear();
      if (connection != null) {
        connection.requests.onCompleted();
        connection = null;
      }
    }
    abandoned.forEach(batch -> batch.future.completeExceptionally(closedError()));
    timer.shutdownNow();
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** One Process stream: receives the plugin's answers and notices when the stream ends. */
  private final class Connection implements StreamObserver<ProcessResponse> {

    StreamObserver<ProcessRequest> requests;

    @Override
    public void onNext(ProcessResponse response) {
      answered(this, response);
    }

    @Override
    public void onError(Throwable error) {
      broken(this, Status.fromThrowable(error));
    }

    @Override
    public void onCompleted() {
      broken(this, Status.UNAVAILABLE.withDescription("the plugin ended the stream"));
    }
  }
}
