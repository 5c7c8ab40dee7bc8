package dev.sluice.controlplane.outbox;

import static dev.sluice.controlplane.streams.TestStreams.orders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.sluice.controlplane.outbox.OutboxPublisher.Options;
import dev.sluice.controlplane.store.ControlPlaneDatabase;
import dev.sluice.controlplane.streams.StreamService;
import dev.sluice.controlplane.streams.TestStreams;
import dev.sluice.proto.v1.StreamRevision;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.KafkaExtension;
import dev.sluice.testkit.PostgresExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbox relay against a real broker and Postgres. Each test has a database and topics of its
 * own, and describes every record as {@code key@revision} (or {@code key@tombstone}) to compare the
 * topic with the outbox, order included.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class OutboxPublisherIT {

  private static final String NS = "shop";
  private static final Options FAST = new Options(5, Duration.ofMillis(200), Duration.ofMillis(200));
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final AtomicInteger TESTS = new AtomicInteger();

  private final EmbeddedKafka kafka;
  private final EmbeddedPostgres postgres;
  private ControlPlaneDatabase database;
  private Jdbi jdbi;
  private ControlTopics topics;
  private StreamService streams;

  OutboxPublisherIT(EmbeddedKafka kafka, EmbeddedPostgres postgres) {
    this.kafka = kafka;
    this.postgres = postgres;
  }

  @BeforeEach
  void freshDatabaseAndTopics() {
    String id = "outbox_publisher_it_" + TESTS.incrementAndGet();
    database = TestStreams.database(postgres, id);
    jdbi = database.jdbi();
    topics = ControlTopics.withPrefix(id + ".");
    createTopics(topics);
    streams = TestStreams.service(database, topics);
  }

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  @Test
  void aCreatedStreamReachesTheStreamsTopic() {
    try (OutboxPublisher publisher = start(FAST)) {
      streams.create(orders(NS, "orders"), "alice");

      await().atMost(PATIENCE).until(() -> topic(topics.streams()).size() == 1);
      ConsumerRecord<String, byte[]> record = TopicReader.readAll(kafka.bootstrapServers(), topics.streams()).get(0);
      assertThat(record.key()).isEqualTo("shop/orders");
      StreamRevision value = parse(record.value());
      assertThat(value.getNamespace()).isEqualTo(NS);
      assertThat(value.getName()).isEqualTo("orders");
      assertThat(value.getRevision()).isEqualTo(1);
      assertThat(value.getDefinitionJson())
          .isEqualTo(streams.get(NS, "orders").orElseThrow().definitionJson());
      await().atMost(PATIENCE).until(() -> publisher.unpublishedCount() == 0);
      assertThat(publisher.isActive()).isTrue();
    }
  }

  /** With a ten-minute poll, only the NOTIFY of the commit (and of close) can wake the publisher. */
  @Test
  @Timeout(120)
  void aCommitWakesTheWaitingPublisherAtOnce() {
    Options slowPoll = new Options(5, Duration.ofMinutes(10), Duration.ofMillis(200));
    try (OutboxPublisher publisher = start(slowPoll)) {
      await().atMost(PATIENCE).until(this::publisherWaitsForNotifications);

      streams.create(orders(NS, "woken"), "alice");

      await().atMost(PATIENCE).until(() -> topic(topics.streams()).size() == 1);
      assertThat(publisher.isActive()).isTrue();
    }
  }

  /** The publisher's connection is idle after finding no unpublished rows. */
  private boolean publisherWaitsForNotifications() {
    return jdbi.withHandle(h -> h.createQuery("select count(*) from pg_stat_activity "
            + "where datname = current_database() and state = 'idle' "
            + "and query like 'select id, topic, key, value from outbox%'")
        .mapTo(Integer.class)
        .one()) == 1;
  }

  @Test
  void changesCommittedWhileNoPublisherRanArePublishedOnceInOrderWhenOneStarts() {
    makeChanges(18);
    List<String> expected = outbox();
    assertThat(new Outbox(jdbi).unpublishedCount()).isEqualTo(expected.size());
    assertThat(new Outbox(jdbi).oldestUnpublishedAge()).isPositive();
    assertThat(topic(topics.streams())).isEmpty();

    try (OutboxPublisher publisher = start(FAST)) {
      await().atMost(PATIENCE).until(() -> publisher.unpublishedCount() == 0);
      assertThat(publisher.oldestUnpublishedAge()).isZero();
      assertThat(topic(topics.streams())).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aStandbyTakesOverWhenTheActivePublisherIsClosedMidWayAndNothingIsLostOrReordered()
      throws Exception {
    makeChanges(30);
    List<String> expected = outbox();
    OutboxPublisher standby;
    CompletableFuture<Void> firstClosed;
    try (Handle lock = jdbi.open()) {
      // The first row of the second batch: the first publisher sends that batch, then waits for
      // this lock to mark it published. (Locking with "offset" would lock the skipped rows too.)
      long secondBatch = lock.createQuery("select id from outbox order by id offset :offset limit 1")
          .bind("offset", FAST.batchSize())
          .mapTo(Long.class)
          .one();
      lock.begin();
      lock.createQuery("select id from outbox where id = :id for update")
          .bind("id", secondBatch)
          .mapTo(Long.class)
          .one();
      OutboxPublisher first = start(FAST);
      await().atMost(PATIENCE).until(() -> topic(topics.streams()).size() == 2 * FAST.batchSize());
      standby = start(FAST);
      await().during(Duration.ofMillis(600)).atMost(PATIENCE).until(() -> !standby.isActive());
      assertThat(first.isActive()).isTrue();
      firstClosed = CompletableFuture.runAsync(first::close);
      lock.rollback();
    }
    firstClosed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

    try (standby) {
      await().atMost(PATIENCE).until(standby::isActive);
      await().atMost(PATIENCE).until(() -> standby.unpublishedCount() == 0);
      assertThat(topic(topics.streams())).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void deleteSendsATombstoneAndRepublishAllRebuildsTheTopicFromPostgres() {
    try (OutboxPublisher publisher = start(FAST)) {
      makeChanges(9);
      await().atMost(PATIENCE).until(() -> publisher.unpublishedCount() == 0);
      List<String> published = topic(topics.streams());
      assertThat(published).contains("shop/stream-0@tombstone");

      ControlTopics rebuilt = ControlTopics.withPrefix(topics.streams() + ".rebuilt.");
      createTopics(rebuilt);
      int republished = TestStreams.service(database, rebuilt).republishAll("admin");
      await().atMost(PATIENCE).until(() -> publisher.unpublishedCount() == 0);

      assertThat(republished).isEqualTo(2);
      assertThat(latestPerKey(topic(rebuilt.streams()))).isEqualTo(latestPerKey(published));
    }
  }

  /**
   * Makes {@code count} changes, round-robin over stream-0, stream-1 and stream-2: a create when the
   * stream does not exist, a delete at every seventh change, an update otherwise.
   */
  private void makeChanges(int count) {
    Set<String> existing = new HashSet<>();
    for (int i = 0; i < count; i++) {
      String name = "stream-" + (i % 3);
      if (existing.add(name)) {
        streams.create(orders(NS, name, 1 + i, ""), "alice");
      } else if (i % 7 == 6) {
        streams.delete(NS, name, null, "alice");
        existing.remove(name);
      } else {
        streams.update(NS, name, orders(NS, name, 1 + i, ""), null, "alice");
      }
    }
  }

  private OutboxPublisher start(Options options) {
    return OutboxPublisher.start(database, Map.of("bootstrap.servers", kafka.bootstrapServers()), options);
  }

  /** The outbox rows in id order, described like the topic's records. */
  private List<String> outbox() {
    return jdbi.withHandle(h -> h.createQuery("select key, value from outbox order by id")
        .map((row, ctx) -> describe(row.getString("key"), row.getBytes("value")))
        .list());
  }

  private List<String> topic(String topic) {
    return TopicReader.readAll(kafka.bootstrapServers(), topic).stream()
        .map(r -> describe(r.key(), r.value()))
        .toList();
  }

  private static Map<String, String> latestPerKey(List<String> records) {
    Map<String, String> latest = new LinkedHashMap<>();
    records.forEach(r -> latest.put(r.substring(0, r.indexOf('@')), r));
    return latest.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll);
  }

  private static String describe(String key, byte[] value) {
    return key + "@" + (value == null ? "tombstone" : Long.toString(parse(value).getRevision()));
  }

  private static StreamRevision parse(byte[] value) {
    try {
      return StreamRevision.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not a StreamRevision", e);
    }
  }

  private void createTopics(ControlTopics names) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      names.ensureCreated(admin, (short) 1);
    }
  }
}
