package dev.sluice.dataplane.pipeline;

import dev.sluice.dataplane.pipeline.WindowInput.Contribution;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
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
          .aggregate(empty, add, (key, a, b) -> a.merge(b), aggregate, store(name, state));
      case "sliding" -> grouped.windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(config.size(), config.grace()))
          .aggregate(empty, add, aggregate, store(name, state));
      default -> grouped.windowedBy(timeWindows(config)).aggregate(empty, add, aggregate, store(name, state));
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

  /**
   * The window's store ({@code p<i>-window-store}), without a cache: with {@code emit: update} a
   * cache would fold updates together; with {@code emit: final}, session windows behind a cache
   * reached {@code suppress} such that no result came out at all (WindowBruteForceIT, real broker).
   */
  private static <S extends StateStore> Materialized<byte[], WindowState, S> store(String name,
      Serde<WindowState> state) {
    return Materialized.<byte[], WindowState, S>as(name + "-store")
        .withKeySerde(Serdes.ByteArray()).withValueSerde(state).withCachingDisabled();
  }
}
