package dev.sluice.bench.e2e;

/** The three pipelines the benchmark compares, in the order it runs them. */
enum Variant {
  LOOP("a", "consume-produce loop") {
    @Override
    Pipeline create(BenchEnvironment env, Workload workload, String name, String input, String output) {
      return new ConsumeProduceLoop(env.bootstrapServers(), name, input, output);
    }
  },
  STREAMS("b", "Kafka Streams app") {
    @Override
    Pipeline create(BenchEnvironment env, Workload workload, String name, String input, String output) {
      return new PlainStreamsApp(env.bootstrapServers(), workload, name, input, output, env.stateDir());
    }
  },
  SLUICE("c", "Sluice stream") {
    @Override
    Pipeline create(BenchEnvironment env, Workload workload, String name, String input, String output) {
      return new SluicePipeline(env.reader(), env.runtime(), workload, name, input, output);
    }
  };

  private final String letter;
  private final String description;

  Variant(String letter, String description) {
    this.letter = letter;
    this.description = description;
  }

  /** The letter the issue and the result table use: a, b or c. */
  String letter() {
    return letter;
  }

  /** {@code (a) consume-produce loop}. */
  String label() {
    return "(" + letter + ") " + description;
  }

  /**
   * A new, not yet started pipeline doing {@code workload} (the loop does filter-map only); {@code
   * name} is its consumer group, application id or stream name, so each run starts from the
   * beginning of {@code input}.
   */
  abstract Pipeline create(BenchEnvironment env, Workload workload, String name, String input, String output);

  /** The variant with letter {@code letter}, for the {@code --variants} option. */
  static Variant ofLetter(String letter) {
    for (Variant v : values()) {
      if (v.letter.equals(letter)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown variant '" + letter
        + "'; use letters a (consume-produce loop), b (Kafka Streams), c (Sluice), e.g. --variants=a,b,c");
  }
}
