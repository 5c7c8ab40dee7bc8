package dev.sluice.bench.e2e;

import dev.sluice.testkit.EmbeddedKafka;
import java.io.IOException;
import java.util.Locale;

/**
 * Where the benchmark's broker runs: in a JVM of its own, so that its JIT compilation, garbage and
 * safepoints are not the pipelines', or inside the benchmark's JVM.
 */
enum BrokerPlacement {
  OWN_JVM {
    @Override
    Broker start() throws IOException {
      return ChildBroker.start();
    }
  },
  SAME_JVM {
    @Override
    Broker start() {
      EmbeddedKafka kafka = EmbeddedKafka.builder().start();
      return new Broker() {
        @Override
        public String bootstrapServers() {
          return kafka.bootstrapServers();
        }

        @Override
        public void close() {
          kafka.close();
        }
      };
    }
  };

  /** A running broker with a temporary data directory; closing it stops it and deletes the data. */
  interface Broker extends AutoCloseable {
    String bootstrapServers();

    @Override
    void close();
  }

  /** Starts a fresh single-node broker here. */
  abstract Broker start() throws IOException;

  /** {@code own-jvm} or {@code same-jvm}, as the {@code --broker} option writes it. */
  String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static BrokerPlacement of(String word) {
    for (BrokerPlacement p : values()) {
      if (p.word().equals(word)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown broker placement '" + word
        + "'; write own-jvm (a child JVM) or same-jvm (inside the benchmark's), e.g. --broker=own-jvm");
  }
}
