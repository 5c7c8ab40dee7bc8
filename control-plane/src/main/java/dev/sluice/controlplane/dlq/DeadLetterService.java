package dev.sluice.controlplane.dlq;

import dev.sluice.api.record.DeadLetterHeaders;
import dev.sluice.controlplane.audit.AuditLog;
import dev.sluice.controlplane.store.NotFoundException;
import dev.sluice.controlplane.streams.StoredStream;
import dev.sluice.controlplane.streams.StreamService;
import dev.sluice.controlplane.streams.StreamTopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream's dead letters for the REST API: lists them page by page, and replays chosen ones into
 * the topic they were read from, once each.
 *
 * <p>A replay writes each dead letter's key, value, timestamp and own headers back to the topic
 * and partition its {@code sluice.source.*} headers name, without Sluice's failure headers and
 * with {@link DeadLetterHeaders#REPLAYED_FROM}. That topic must be one the stream reads now: its
 * Kafka input's topics on the system cluster, its ingress topic (connector inputs) or its egress
 * topic (records the output connector refused); any other is skipped, so a forged header cannot
 * make the control plane write elsewhere. Replays run one at a time (an advisory lock held for the
 * transaction): each finds which dead letters were replayed before, writes the others with an
 * idempotent producer, waits for Kafka's acknowledgement, and records what was written in the
 * same transaction, so a dead letter is written once however often, or concurrently, it is
 * replayed. Only if the database fails after Kafka acknowledged and before the commit can a
 * later replay write one again.
 *
 * <p>Thread-safe: the Kafka producer and admin client are shared, each request reads with its own
 * consumer.
 */
public final class DeadLetterService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterService.class);

  /** The most dead letters one page lists. */
  public static final int MAX_PAGE = 500;
  /** The most dead letters one replay request writes. */
  public static final int MAX_REPLAY = 1000;

  static final String ACTION_REPLAY = "stream.dlq.replay";

  private static final Duration BUDGET = Duration.ofSeconds(30);

  private final Jdbi jdbi;
  private final StreamService streams;
  private final String bootstrapServers;
  private final Clock clock;
  private final Admin admin;
  private final KafkaProducer<byte[], byte[]> producer;

  /**
   * @param streams where the streams are, for their definitions
   * @param bootstrapServers the system Kafka cluster, which holds the dead-letter topics
   * @param clock the time recorded for replays
   */
  public DeadLetterService(Jdbi jdbi, StreamService streams, String bootstrapServers, Clock clock) {
    this.jdbi = jdbi;
    this.streams = streams;
    this.bootstrapServers = bootstrapServers;
    this.clock = clock;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.CLIENT_ID_CONFIG, "sluice-control-plane-dlq"));
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.CLIENT_ID_CONFIG, "sluice-control-plane-dlq-replay",
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
  }

  /**
   * Up to {@code limit} dead letters of stream {@code namespace/name} after position {@code after}
   * (from the oldest when null), in position order: partition, then offset.
   *
   * @param limit from 1 to {@link #MAX_PAGE}
   * @throws NotFoundException when the stream does not exist
   * @throws DlqUnavailableException when Kafka does not answer in time
   */
  public DlqPage list(String namespace, String name, DlqPosition after, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be from 1 to " + MAX_PAGE + ", got " + limit);
    }
    requireStream(namespace, name);
    String topic = new StreamTopicNames(namespace, name).deadLetter();
    Optional<TopicDescription> dlq = describe(topic);
    if (dlq.isEmpty()) {
      return new DlqPage(topic, List.of(), List.of(), Map.of(), null);
    }
    try (DeadLetterReader reader = DeadLetterReader.open(bootstrapServers, topic,
        dlq.get().partitions().size(), BUDGET)) {
      List<DeadLetter> items = reader.scan(after, null, limit);
      DlqPosition last = items.isEmpty() ? null : items.get(items.size() - 1).position();
      DlqPosition next = items.size() == limit && reader.hasAfter(last, null) ? last : null;
      Map<DlqPosition, Replay> replays = jdbi.withHandle(h -> ReplayLedger.find(h,
          dlq.get().topicId().toString(), items.stream().map(DeadLetter::position).toList()));
      return new DlqPage(topic, reader.ranges(), items, replays, next);
    }
  }

  /**
   * Replays the selected dead letters of stream {@code namespace/name} (see the class comment).
   *
   * @param actor the API token's name, recorded with each replay and in the audit log
   * @throws NotFoundException when the stream does not exist
   * @throws DlqUnavailableException when Kafka does not answer in time; nothing was recorded
   */
  public ReplayOutcome replay(String namespace, String name, ReplaySelection selection,
      String actor) {
    StoredStream stream = requireStream(namespace, name);
    StreamTopicNames names = new StreamTopicNames(namespace, name);
    Optional<TopicDescription> dlq = describe(names.deadLetter());
    if (dlq.isEmpty()) {
      List<ReplayOutcome.Skipped> none = selection instanceof ReplaySelection.Positions p
          ? p.positions().stream().map(at -> new ReplayOutcome.Skipped(at, "the stream has no "
              + "dead-letter topic: nothing was dead-lettered yet")).toList()
          : List.of();
      return new ReplayOutcome(List.of(), List.of(), none, null);
    }
    List<ReplayOutcome.Skipped> skipped = new ArrayList<>();
    List<DeadLetter> selected = new ArrayList<>();
    DlqPosition next = read(names.deadLetter(), dlq.get(), selection, selected, skipped);
    Set<String> allowed = replayTopics(stream, names);
    String topicId = dlq.get().topicId().toString();
    ReplayOutcome outcome;
    try {
      outcome = jdbi.inTransaction(h -> write(h, stream, topicId, selected, allowed, skipped, next,
          actor));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DlqUnavailableException("interrupted while replaying; nothing was recorded", e);
    }
    log.info("DLQ replay of {}/{} by {}: {}", namespace, name, actor, outcome.summary());
    return outcome;
  }

  /** Reads the selection into {@code selected}; returns where a cut range goes on, or null. */
  private DlqPosition read(String topic, TopicDescription dlq, ReplaySelection selection,
      List<DeadLetter> selected, List<ReplayOutcome.Skipped> skipped) {
    try (DeadLetterReader reader = DeadLetterReader.open(bootstrapServers, topic,
        dlq.partitions().size(), BUDGET)) {
      switch (selection) {
        case ReplaySelection.Positions p -> {
          Map<DlqPosition, DeadLetter> found = reader.find(p.positions());
          for (DlqPosition at : p.positions()) {
            if (found.containsKey(at)) {
              selected.add(found.get(at));
            } else {
              skipped.add(new ReplayOutcome.Skipped(at, "the dead-letter topic holds no record "
                  + "at " + at + holds(reader.ranges(), at.partition())));
            }
          }
          return null;
        }
        case ReplaySelection.Range r -> {
          selected.addAll(reader.scan(r.after(), r.upTo(), MAX_REPLAY));
          DlqPosition last = selected.isEmpty() ? null
              : selected.get(selected.size() - 1).position();
          return selected.size() == MAX_REPLAY && reader.hasAfter(last, r.upTo()) ? last : null;
        }
      }
    }
  }

  /** Where each dead letter goes back to; the ones that cannot go back are added to skipped. */
  private Map<DlqPosition, DeadLetter.Source> targets(List<DeadLetter> selected,
      Set<String> allowed, List<ReplayOutcome.Skipped> skipped) {
    Map<String, Integer> partitions = new LinkedHashMap<>();
    Map<DlqPosition, DeadLetter.Source> targets = new LinkedHashMap<>();
    for (DeadLetter letter : selected) {
      Optional<DeadLetter.Source> source = letter.source();
      String problem = source.isEmpty()
          ? "it has no " + DeadLetterHeaders.SOURCE_TOPIC + " and "
              + DeadLetterHeaders.SOURCE_PARTITION + " headers, so where it was read is unknown"
          : !allowed.contains(source.get().topic())
              ? "it was read from " + source.get().topic() + ", which the stream does not read now "
                  + "(it reads " + String.join(", ", allowed) + ")"
              : partitionProblem(source.get(), partitions);
      if (problem == null) {
        targets.put(letter.position(), source.get());
      } else {
        skipped.add(new ReplayOutcome.Skipped(letter.position(), problem));
      }
    }
    return targets;
  }

  private String partitionProblem(DeadLetter.Source source, Map<String, Integer> partitions) {
    int count = partitions.computeIfAbsent(source.topic(),
        topic -> describe(topic).map(d -> d.partitions().size()).orElse(0));
    if (count == 0) {
      return "topic " + source.topic() + " does not exist any more";
    }
    return source.partition() < count ? null : "topic " + source.topic() + " has " + count
        + " partitions now, so partition " + source.partition() + " is gone";
  }

  private ReplayOutcome write(Handle h, StoredStream stream, String topicId,
      List<DeadLetter> selected, Set<String> allowed, List<ReplayOutcome.Skipped> skipped,
      DlqPosition next, String actor) throws InterruptedException {
    ReplayLedger.lock(h);
    Map<DlqPosition, Replay> before =
        ReplayLedger.find(h, topicId, selected.stream().map(DeadLetter::position).toList());
    List<DeadLetter> fresh =
        selected.stream().filter(l -> !before.containsKey(l.position())).toList();
    Map<DlqPosition, DeadLetter.Source> targets = targets(fresh, allowed, skipped);
    Map<DlqPosition, Future<RecordMetadata>> sent = new LinkedHashMap<>();
    for (DeadLetter letter : fresh) {
      DeadLetter.Source target = targets.get(letter.position());
      if (target == null) {
        continue;
      }
      try {
        sent.put(letter.position(), producer.send(new ProducerRecord<>(target.topic(),
            target.partition(), letter.timestamp().toEpochMilli(), letter.key(), letter.value(),
            headers(letter))));
      } catch (KafkaException e) {
        skipped.add(refused(letter.position(), e));
      }
    }
    producer.flush();
    List<Replay> replayed = new ArrayList<>();
    for (Map.Entry<DlqPosition, Future<RecordMetadata>> s : sent.entrySet()) {
      try {
        RecordMetadata at = s.getValue().get(BUDGET.toMillis(), TimeUnit.MILLISECONDS);
        replayed.add(new Replay(s.getKey(), at.topic(), at.partition(), at.offset(), actor,
            clock.instant().truncatedTo(ChronoUnit.MICROS)));
      } catch (ExecutionException | TimeoutException e) {
        skipped.add(refused(s.getKey(), e));
      }
    }
    ReplayLedger.insert(h, stream.namespace(), stream.name(), topicId, replayed);
    ReplayOutcome outcome = new ReplayOutcome(replayed, List.copyOf(before.values()),
        sorted(skipped), next);
    if (!replayed.isEmpty()) {
      AuditLog.record(h, actor, ACTION_REPLAY, stream.namespace(), stream.name(), Map.of(
          "replayed", replayed.size(), "alreadyReplayed", before.size(),
          "skipped", skipped.size()));
    }
    return outcome;
  }

  /** The dead letter's own headers without Sluice's failure headers, plus where it came from. */
  private static RecordHeaders headers(DeadLetter letter) {
    RecordHeaders headers = new RecordHeaders();
    for (DeadLetter.Header h : letter.headers()) {
      if (!DeadLetterHeaders.FAILURE.contains(h.name())
          && !h.name().equals(DeadLetterHeaders.REPLAYED_FROM)) {
        headers.add(h.name(), h.value());
      }
    }
    headers.add(DeadLetterHeaders.REPLAYED_FROM,
        letter.position().toString().getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  private static ReplayOutcome.Skipped refused(DlqPosition at, Exception e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return new ReplayOutcome.Skipped(at, "Kafka did not take the write (" + cause.getMessage()
        + "); it is not recorded as replayed, so replay it again");
  }

  private static List<ReplayOutcome.Skipped> sorted(List<ReplayOutcome.Skipped> skipped) {
    return skipped.stream().sorted((a, b) -> a.position().compareTo(b.position())).toList();
  }

  /** The topics a dead letter of {@code stream} may go back to: the ones the stream reads now. */
  private static Set<String> replayTopics(StoredStream stream, StreamTopicNames names) {
    Set<String> topics = new LinkedHashSet<>(names.inputs(stream.spec()));
    topics.add(names.ingress());
    topics.add(names.egress());
    return topics;
  }

  private static String holds(List<PartitionRange> ranges, int partition) {
    if (partition >= ranges.size()) {
      return ": it has partitions 0 to " + (ranges.size() - 1);
    }
    PartitionRange r = ranges.get(partition);
    return r.start() == r.end() ? ": partition " + partition + " is empty"
        : ": partition " + partition + " holds offsets " + r.start() + " to " + (r.end() - 1);
  }

  private StoredStream requireStream(String namespace, String name) {
    return streams.get(namespace, name).orElseThrow(() -> new NotFoundException("stream "
        + namespace + "/" + name + " does not exist; create it with POST /api/v1/streams"));
  }

  /** The topic's description, or empty when it does not exist. */
  private Optional<TopicDescription> describe(String topic) {
    try {
      return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames()
          .get(BUDGET.toSeconds(), TimeUnit.SECONDS).get(topic));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw new DlqUnavailableException("the system Kafka cluster did not describe " + topic
          + " (" + e.getCause().getMessage() + "); try again", e);
    } catch (TimeoutException e) {
      throw new DlqUnavailableException("the system Kafka cluster did not answer within "
          + BUDGET.toSeconds() + " s; try again", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DlqUnavailableException("interrupted while describing " + topic, e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    admin.close(Duration.ofSeconds(5));
  }
}
