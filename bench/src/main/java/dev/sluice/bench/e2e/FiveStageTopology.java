package dev.sluice.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The five-stage pipeline written by hand on the Kafka Streams DSL, as a Java developer would:
 * Jackson to parse, a filter, the band added to the event, re-keyed by type with the event time
 * from {@code ts}, a windowed aggregate with caching off (every update is written, as Sluice's
 * {@code emit: update} does), each result as JSON.
 */
final class FiveStageTopology {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration SIZE = Duration.ofSeconds(10);
  private static final Duration GRACE = Duration.ofSeconds(60);
  private static final Serde<JsonNode> EVENT = Serdes.serdeFrom(
      (topic, event) -> bytes(event), (topic, bytes) -> EventTransform.decode(bytes));
  private static final Serde<Stats> STATS = Serdes.serdeFrom(
      (topic, stats) -> bytes(stats.json()), (topic, bytes) -> Stats.of(EventTransform.decode(bytes)));

  private FiveStageTopology() {}

  static KStream<byte[], byte[]> build(KStream<byte[], byte[]> input) {
    return input.mapValues(EventTransform::decode)
        .filter((key, event) -> EventTransform.keep(event))
        .mapValues(FiveStageTopology::enrich)
        .process(EventTime::new)
        .groupByKey(Grouped.with(Serdes.String(), EVENT))
        .windowedBy(TimeWindows.ofSizeAndGrace(SIZE, GRACE))
        .aggregate(Stats::new, (type, event, stats) -> stats.add(event.path("amount").asLong(), event.path("ts").asLong()),
            Materialized.<String, Stats, WindowStore<Bytes, byte[]>>with(Serdes.String(), STATS).withCachingDisabled())
        .toStream()
        .map(FiveStageTopology::result);
  }

  private static JsonNode enrich(JsonNode event) {
    ((ObjectNode) event).put("band", event.path("amount").asLong() >= 50_000 ? "large" : "small");
    return event;
  }

  private static KeyValue<byte[], byte[]> result(Windowed<String> window, Stats stats) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("key", window.key());
    out.put("windowStart", Instant.ofEpochMilli(window.window().start()).toString());
    out.put("windowEnd", Instant.ofEpochMilli(window.window().end()).toString());
    out.setAll(stats.json());
    return KeyValue.pair(window.key().getBytes(StandardCharsets.UTF_8), bytes(out));
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + node, e);
    }
  }

  /** Keys each event by its type and stamps it with its {@code ts}. */
  private static final class EventTime extends ContextualProcessor<byte[], JsonNode, String, JsonNode> {
    @Override
    public void process(Record<byte[], JsonNode> event) {
      context().forward(event.withKey(event.value().path("type").asText())
          .withTimestamp(event.value().path("ts").asLong()));
    }
  }

  /** Count, sum, maximum of a window's amounts, the average from them, and the newest {@code ts}. */
  private static final class Stats {
    private long count;
    private long revenue;
    private long largest = Long.MIN_VALUE;
    private long ts = Long.MIN_VALUE;

    Stats add(long amount, long eventTs) {
      count++;
      revenue += amount;
      largest = Math.max(largest, amount);
      ts = Math.max(ts, eventTs);
      return this;
    }

    ObjectNode json() {
      ObjectNode out = MAPPER.createObjectNode();
      out.put("count", count);
      out.put("revenue", revenue);
      out.put("average", (double) revenue / count);
      out.put("largest", largest);
      out.put("ts", ts);
      return out;
    }

    static Stats of(JsonNode json) {
      Stats stats = new Stats();
      stats.count = json.path("count").asLong();
      stats.revenue = json.path("revenue").asLong();
      stats.largest = json.path("largest").asLong();
      stats.ts = json.path("ts").asLong();
      return stats;
    }
  }
}
