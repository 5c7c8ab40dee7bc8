package dev.sluice.dataplane.worker;

import dev.sluice.dataplane.pipeline.StreamPlan;
import dev.sluice.dataplane.pipeline.StreamSetupException;
import dev.sluice.dataplane.worker.StreamSecrets.SecretsUnresolvedException;
import dev.sluice.definitions.DefinitionReader;
import dev.sluice.definitions.ReadResult;
import dev.sluice.proto.v1.Assignment;
import dev.sluice.proto.v1.InstanceReport;
import dev.sluice.proto.v1.StreamRevision;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes what runs on this worker equal to what is assigned to it: starts assigned instances once
 * their revision is known, restarts those whose epoch or revision changed, stops the rest. An
 * instance that completed stays as it is until its assignment changes; one that failed is
 * started again after a backoff that doubles with each failure of the same assignment (5 s up
 * to 5 min), and reports its error meanwhile. Secret references are resolved as an instance
 * starts; one that cannot be resolved fails it like any other setup error.
 */
final class Convergence {

  private static final Logger log = LoggerFactory.getLogger(Convergence.class);
  private static final Duration FIRST_RESTART = Duration.ofSeconds(5);
  private static final Duration MAX_RESTART = Duration.ofMinutes(5);

  /** One assigned instance on this worker, running or not. */
  private static final class Entry {
    final InstanceId id;
    final long epoch;
    final long revision;
    final StreamInstance instance;
    final String setupError;
    final int failures;
    InstanceState reported;
    Instant restartAt;

    Entry(InstanceId id, long epoch, long revision, StreamInstance instance, String setupError, int failures) {
      this.id = id;
      this.epoch = epoch;
      this.revision = revision;
      this.instance = instance;
      this.setupError = setupError;
      this.failures = failures;
    }

    InstanceState state() {
      return instance == null ? InstanceState.FAILED : instance.state();
    }

    String error() {
      return instance == null ? setupError : instance.error();
    }
  }

  private final Supplier<String> workerId;
  private final WorkerRuntime runtime;
  private final DefinitionReader reader;
  private final StreamSecrets secrets;
  private final Consumer<InstanceReport> reporter;
  private final ConsumerLag lag;
  private final WorkerMetrics metrics;
  private final Map<InstanceId, Entry> entries = new LinkedHashMap<>();

  Convergence(Supplier<String> workerId, WorkerRuntime runtime, DefinitionReader reader, StreamSecrets secrets,
      Consumer<InstanceReport> reporter, WorkerMetrics metrics) {
    this.workerId = workerId;
    this.runtime = runtime;
    this.reader = reader;
    this.secrets = secrets;
    this.reporter = reporter;
    this.lag = new ConsumerLag(runtime.admin());
    this.metrics = metrics;
  }

  synchronized void converge(Map<String, StreamRevision> streams, Map<String, Assignment> assignments) {
    Map<InstanceId, Assignment> mine = assignments.entrySet().stream()
        .filter(e -> e.getValue().getWorkerId().equals(workerId.get()))
        .collect(Collectors.toMap(e -> InstanceId.parse(e.getKey()), Map.Entry::getValue));
    for (Entry entry : List.copyOf(entries.values())) {
      Assignment a = mine.get(entry.id);
      if (a == null || a.getEpoch() != entry.epoch || a.getRevision() != entry.revision) {
        stop(entry);
      }
    }
    Instant now = Instant.now();
    for (Entry entry : List.copyOf(entries.values())) {
      StreamRevision revision = streams.get(entry.id.stream());
      boolean current = revision != null && revision.getRevision() == entry.revision;
      if (entry.restartAt != null && !now.isBefore(entry.restartAt) && current) {
        log.info("starting {} again after failure {}: {}", entry.id, entry.failures + 1, entry.error());
        discard(entry);
        start(entry.id, mine.get(entry.id), revision, entry.failures + 1);
      }
    }
    mine.forEach((id, a) -> {
      StreamRevision revision = streams.get(id.stream());
      if (!entries.containsKey(id) && revision != null && revision.getRevision() == a.getRevision()) {
        start(id, a, revision, 0);
      }
    });
    entries.values().forEach(this::checkProgress);
  }

  private void start(InstanceId id, Assignment a, StreamRevision revision, int failures) {
    ReadResult read = reader.readOne(id.stream() + "@" + revision.getRevision(), revision.getDefinitionJson());
    if (!read.isValid()) {
      String problems = read.problems().stream().map(p -> p.path() + ": " + p.message())
          .collect(Collectors.joining("; "));
      entries.put(id, new Entry(id, a.getEpoch(), a.getRevision(), null,
          "the definition is not valid here: " + problems, failures));
      return;
    }
    StreamSecrets.Resolved resolved;
    try {
      resolved = secrets.resolve(read.definition());
    } catch (SecretsUnresolvedException e) {
      log.error("cannot start {}: {}", id, e.getMessage());
      entries.put(id, new Entry(id, a.getEpoch(), a.getRevision(), null, e.getMessage(), failures));
      return;
    }
    StreamInstance instance = new StreamInstance(id, a.getEpoch(), a.getRevision(),
        StreamPlan.of(resolved.definition()), runtime, resolved.values());
    try {
      instance.start();
      entries.put(id, new Entry(id, a.getEpoch(), a.getRevision(), instance, null, failures));
      metrics.add(id, instance.counters(), instance::lag);
    } catch (StreamSetupException | RuntimeException e) {
      instance.close();
      log.error("cannot start {}: {}", id, e.getMessage());
      entries.put(id, new Entry(id, a.getEpoch(), a.getRevision(), null, e.getMessage(), failures));
    }
  }

  private void stop(Entry entry) {
    discard(entry);
    entry.reported = null;
    report(entry, InstanceState.STOPPED);
  }

  private void discard(Entry entry) {
    entries.remove(entry.id);
    metrics.remove(entry.id);
    if (entry.instance != null) {
      entry.instance.close();
    }
  }

  /** Completes finished instances, frees failed ones, and reports every state change. */
  private void checkProgress(Entry entry) {
    StreamInstance instance = entry.instance;
    if (instance != null && instance.sourceExhausted() && instance.state() == InstanceState.RUNNING) {
      try {
        instance.checkCompleted(unprocessed(instance.plan()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        log.warn("cannot read the progress of {}: {}", entry.id, e.getCause().getMessage());
      }
    }
    InstanceState state = entry.state();
    if (state != entry.reported) {
      if (instance != null && (state == InstanceState.COMPLETED || state == InstanceState.FAILED)) {
        instance.close();
      }
      report(entry, state);
    }
    if (state == InstanceState.FAILED && entry.restartAt == null) {
      Duration wait = restartBackoff(entry.failures);
      entry.restartAt = Instant.now().plus(wait);
      log.warn("{} failed; starting it again in {}: {}", entry.id, wait, entry.error());
    }
  }

  private static Duration restartBackoff(int failures) {
    Duration wait = FIRST_RESTART.multipliedBy(1L << Math.min(failures, 10));
    return wait.compareTo(MAX_RESTART) > 0 ? MAX_RESTART : wait;
  }

  /** Records the topology, and the sink if there is one, have yet to handle. */
  private long unprocessed(StreamPlan plan) throws InterruptedException, ExecutionException {
    long topology = lag.lag(plan.topics().applicationId(), plan.inputTopics());
    return plan.hasSinkConnector() ? topology + lag.lag(plan.topics().sinkGroup(), List.of(plan.outputTopic())) : topology;
  }

  private void report(Entry entry, InstanceState state) {
    entry.reported = state;
    reporter.accept(toReport(entry, state));
  }

  synchronized List<InstanceReport> reports() {
    return entries.values().stream().map(e -> toReport(e, e.state())).toList();
  }

  synchronized Map<InstanceId, StreamInstance> running() {
    Map<InstanceId, StreamInstance> running = new HashMap<>();
    entries.forEach((id, e) -> {
      if (e.instance != null) {
        running.put(id, e.instance);
      }
    });
    return running;
  }

  synchronized void stopAll() {
    List.copyOf(entries.values()).forEach(this::stop);
  }

  private static InstanceReport toReport(Entry e, InstanceState state) {
    InstanceReport.Builder b = InstanceReport.newBuilder()
        .setNamespace(e.id.namespace()).setName(e.id.name()).setInstance(e.id.instance())
        .setEpoch(e.epoch).setRevision(e.revision)
        .setState(dev.sluice.proto.v1.InstanceState.valueOf("INSTANCE_STATE_" + state.name()))
        .setError(e.error() == null ? "" : e.error())
        .setLag(e.instance == null ? -1 : e.instance.lag());
    if (e.instance != null) {
      var c = e.instance.counters();
      b.setRecordsIn(c.in()).setRecordsOut(c.out()).setErrors(c.errors())
          .setDeadLettered(c.deadLettered()).setDropped(c.dropped());
    }
    return b.build();
  }
}
