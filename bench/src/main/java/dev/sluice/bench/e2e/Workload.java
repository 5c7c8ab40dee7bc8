package dev.sluice.bench.e2e;

import org.apache.kafka.streams.kstream.KStream;

/**
 * What the benchmarked pipelines do to each event, in each variant's own terms: the processors of
 * the Sluice stream (c) and the Kafka Streams topology of the hand-written app (b). Both write one
 * output record per event they keep, {@link Events#kept} of them.
 */
enum Workload {

  /** Issue 4's pipeline: drop views, keep four fields with the amount times 100. */
  FILTER_MAP("filter-map", """
        - filter: "type != 'view'"
        - mapping: '{"user": user, "type": type, "amount": amount * 100, "ts": ts}'
      """) {
    @Override
    KStream<byte[], byte[]> streams(KStream<byte[], byte[]> input) {
      return input.mapValues(EventTransform::decode)
          .filter((key, event) -> EventTransform.keep(event))
          .mapValues(EventTransform::map);
    }

    @Override
    boolean runs(Variant variant) {
      return true;
    }
  },

  /**
   * Issue 6's reference five-stage pipeline ({@code examples/five-stage-pipeline.yaml}) on the
   * same events: parse (the input's JSON format), drop views, enrich with a band, count, sum,
   * average and maximum of the amounts per event type in 10 s windows of event time, sink. Windows
   * emit on every update, so each kept event makes one output record; the grace is long enough that
   * no event of a backlog is late. Each result carries the newest {@code ts} of its window, the
   * send time of the event that (in order) made it, from which latency is measured.
   */
  FIVE_STAGE("five-stage", """
        - filter: "type != 'view'"
        - mapping: '$merge([$, {"band": amount >= 50000 ? "large" : "small"}])'
        - window:
            type: tumbling
            size: 10s
            grace: 60s
            key: type
            time: ts
            emit: update
            aggregate:
              count: $count()
              revenue: $sum(amount)
              average: $average(amount)
              largest: $max(amount)
              ts: $max(ts)
      """) {
    @Override
    KStream<byte[], byte[]> streams(KStream<byte[], byte[]> input) {
      return FiveStageTopology.build(input);
    }

    @Override
    boolean runs(Variant variant) {
      return variant != Variant.LOOP;
    }
  };

  private final String word;
  private final String processors;

  Workload(String word, String processors) {
    this.word = word;
    this.processors = processors;
  }

  /** {@code filter-map} or {@code five-stage}, as {@code --workload} takes it. */
  String word() {
    return word;
  }

  /** The {@code pipeline.processors} list of the Sluice stream, as YAML indented for its place. */
  String processors() {
    return processors;
  }

  /** The hand-written Kafka Streams equivalent of {@link #processors()}. */
  abstract KStream<byte[], byte[]> streams(KStream<byte[], byte[]> input);

  /** Whether {@code variant} can run this workload: a bare loop has no windows. */
  abstract boolean runs(Variant variant);

  /** The workload called {@code word}. */
  static Workload of(String word) {
    for (Workload w : values()) {
      if (w.word.equals(word)) {
        return w;
      }
    }
    throw new IllegalArgumentException("unknown workload '" + word
        + "'; use filter-map (issue 4's filter + mapping) or five-stage (examples/five-stage-pipeline.yaml's shape)");
  }
}
