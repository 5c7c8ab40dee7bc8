package dev.sluice.bench.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Variant (b): a plain Kafka Streams app doing the workload with the DSL ({@link
 * Workload#streams}: for filter-map {@code stream -> mapValues(decode) -> filter -> mapValues(map
 * and encode) -> to}), on byte-array serdes with Jackson, configured as the Sluice
 * data plane configures its apps: one stream thread, at-least-once, {@code commit.interval.ms}
 * 1000.
 */
final class PlainStreamsApp implements Pipeline {

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final Workload workload;
  private final String applicationId;
  private final String input;
  private final String output;
  private final Path stateDir;
  private volatile String failure;
  private KafkaStreams streams;

  PlainStreamsApp(String bootstrapServers, Workload workload, String applicationId, String input, String output,
      Path stateDir) {
    this.bootstrapServers = bootstrapServers;
    this.workload = workload;
    this.applicationId = applicationId;
    this.input = input;
    this.output = output;
    this.stateDir = stateDir;
  }

  @Override
  public void start() {
    StreamsBuilder builder = new StreamsBuilder();
    workload.streams(builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())))
        .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    streams = new KafkaStreams(builder.build(), config());
    streams.setUncaughtExceptionHandler(e -> {
      failure = e.toString();
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streams.start();
  }

  private Properties config() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(applicationId).toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) ConsumeProduceLoop.COMMIT_INTERVAL_MS);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    return p;
  }

  @Override
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public void close() {
    if (streams != null) {
      streams.close(CLOSE_TIMEOUT);
    }
  }
}
