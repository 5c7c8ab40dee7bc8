package dev.sluice.dataplane.pipeline;

import dev.sluice.dataplane.pipeline.WindowInput.Contribution;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Aggregator;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Initializer;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.SlidingWindows;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.Suppressed.BufferConfig;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * A {@code window} processor as Kafka Streams operations: the records {@link WindowInput} keyed go
 * through a repartition topic (so that each key is aggregated in one place), are aggregated per
 * window in a state store with a changelog, and, with {@code emit: final}, held back until their
 * window closes: {@code grace} after its end, and for sessions {@code gap + grace} after their
 * last record, as a later record within the gap could still extend them. Internal topics and stores are named after the stage ({@code p2-window-store}),
 * so they survive changes elsewhere in the stream.
 */
final class WindowOperator {

  private WindowOperator() {}

  /** The windows' results, keyed by window, as {@link WindowState} values. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static KStream<Object, Object> apply(KStream<Object, Object> keyed, String name, WindowConfig config) {
    Serde<byte[]> bytes = Serdes.ByteArray();
    Serde<WindowState> state = StateJson.serde(WindowState.class);
    KGroupedStream<byte[], byte[]> grouped = ((KStream<byte[], byte[]>) (KStream) keyed)
        .repartition(Repartitioned.with(bytes, bytes).withName(name))
        .groupByKey(Grouped.with(bytes, bytes));
    Initializer<WindowState> empty = () -> WindowState.empty(config);
    Aggregator<byte[], byte[], WindowState> add = (key, contribution, window) -> {
      Contribution c = StateJson.read(contribution, Contribution.class);
      return window.add(c.in(), c.v());
    };
    Named aggregate = Named.as(name + "-aggregate");
    KTable<Windowed<byte[]>, WindowState> results = switch (config.type()) {
      case "session" -> grouped.windowedBy(SessionWindows.ofInactivityGapAndGrace(config.gap(), config.grace()))
          .aggregate(empty, add, (key, a, b) -> a.merge(b), aggregate,
              cached(Materialized.<byte[], WindowState, SessionStore<Bytes, byte[]>>as(name + "-store")
                  .withKeySerde(bytes).withValueSerde(state), config));
      case "sliding" -> grouped.windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(config.size(), config.grace()))
          .aggregate(empty, add, aggregate, windowStore(name, bytes, state, config));
      default -> grouped.windowedBy(timeWindows(config))
          .aggregate(empty, add, aggregate, windowStore(name, bytes, state, config));
    };
    if (config.emitFinal()) {
      // Not EmitStrategy.onWindowClose(): in Kafka Streams 4.3.1 it never emits session windows.
      results = results.suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()).withName(name + "-final"));
    }
    return (KStream) results.toStream(Named.as(name + "-result"));
  }

  private static TimeWindows timeWindows(WindowConfig config) {
    TimeWindows windows = TimeWindows.ofSizeAndGrace(config.size(), config.grace());
    return config.advance() == null ? windows : windows.advanceBy(config.advance());
  }

  private static Materialized<byte[], WindowState, WindowStore<Bytes, byte[]>> windowStore(String name,
      Serde<byte[]> bytes, Serde<WindowState> state, WindowConfig config) {
    return cached(Materialized.<byte[], WindowState, WindowStore<Bytes, byte[]>>as(name + "-store")
        .withKeySerde(bytes).withValueSerde(state), config);
  }

  /** With {@code emit: update}, every update is a result: no cache may fold updates together. */
  private static <S extends StateStore> Materialized<byte[], WindowState, S> cached(
      Materialized<byte[], WindowState, S> store, WindowConfig config) {
    return store.withCachingDisabled();
  }
}
