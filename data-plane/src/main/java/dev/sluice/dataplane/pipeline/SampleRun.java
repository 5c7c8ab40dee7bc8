package dev.sluice.dataplane.pipeline;

import dev.sluice.api.definition.ComponentConfig;
import dev.sluice.definitions.SecretReferences;
import dev.sluice.expression.JsonataLanguage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs a stream's processors on sample records, on Kafka Streams' test driver: the same topology a
 * worker runs (formats, processors, windows, dedupe, error policy), with time taken from the
 * samples rather than the clock, and no connectors. For {@code sluice test} and the test API.
 *
 * <p>Windows close as in a running stream, when a later record moves the stream's time past their
 * end plus grace; a sample run does not close the rest at its end.
 */
public final class SampleRun {

  /** Samples without a time start here, one millisecond apart. */
  static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  /**
   * A record to feed the stream.
   *
   * @param key its key, or {@code null}
   * @param value its value, JSON-like (written in the input's format)
   * @param time its timestamp, or {@code null} for one millisecond after the previous sample
   */
  public record Sample(Object key, Object value, Instant time) {}

  /**
   * A record the stream wrote to its output, decoded in the output's format.
   *
   * @param key its key
   * @param value its value
   * @param time its timestamp
   */
  public record Output(Object key, Object value, Instant time) {}

  /**
   * A record the error policy dead-lettered.
   *
   * @param stage the stage that failed on it
   * @param error why
   * @param key its key as it entered that run of stages
   * @param value its value, decoded as JSON where it is JSON, else as text
   */
  public record DeadLetter(String stage, String error, Object key, Object value) {}

  /**
   * What came of a run.
   *
   * @param output what the stream wrote, in order
   * @param deadLetters what it dead-lettered, in order
   * @param steps what each stage handed on, by stage in the order they first did
   * @param failure why the stream failed (policy {@code fail}), or {@code null}
   */
  public record Result(List<Output> output, List<DeadLetter> deadLetters, Map<String, List<Object>> steps,
      String failure) {}

  private SampleRun() {}

  /** The topologies sample runs use: {@code components}, JSONata, and retries that do not sleep. */
  public static StreamTopology topologies(Components components) {
    return new StreamTopology(components, new JsonataLanguage(), Clock.systemUTC(), pause -> { });
  }

  /**
   * Runs the plan's stream on {@code samples}.
   *
   * @throws StreamSetupException when the stream cannot run on this installation, has an
   *     out-of-process processor, which a sample run does not launch, or a processor that refers
   *     to a secret, which a sample run does not resolve
   */
  public static Result run(StreamTopology topologies, StreamPlan plan, List<Sample> samples)
      throws StreamSetupException {
    refuseOutOfProcess(plan);
    refuseSecretReferences(plan);
    Map<String, List<Object>> steps = new LinkedHashMap<>();
    var topology = topologies.build(plan, 0, new InstanceCounters(), (stage, records) -> {
      List<Object> seen = steps.computeIfAbsent(stage, s -> new ArrayList<>());
      records.forEach(r -> seen.add(r.value()));
    });
    Path state = temporaryState();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, plan.topics().applicationId());
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    String failure = null;
    List<Output> output = new ArrayList<>();
    List<DeadLetter> deadLetters = new ArrayList<>();
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, DEFAULT_START)) {
      TestInputTopic<byte[], byte[]> in = driver.createInputTopic(plan.inputTopics().get(0),
          new ByteArraySerializer(), new ByteArraySerializer());
      Instant time = DEFAULT_START.minusMillis(1);
      try {
        for (Sample sample : samples) {
          time = sample.time() != null ? sample.time() : time.plusMillis(1);
          in.pipeInput(RecordFormat.encodeKey(sample.key()), plan.inputFormat().encode(sample.value()), time);
        }
      } catch (StreamsException e) {
        failure = stageFailure(e);
      } catch (IOException e) {
        throw new StreamSetupException("a sample cannot be written in the input's format: " + e.getMessage(), e);
      }
      for (TestRecord<byte[], byte[]> r : driver.createOutputTopic(plan.outputTopic(), new ByteArrayDeserializer(),
          new ByteArrayDeserializer()).readRecordsToList()) {
        output.add(new Output(RecordFormat.decodeKey(r.key()), decode(plan.outputFormat(), r.value()),
            r.getRecordTime()));
      }
      if (plan.deadLetters()) {
        for (TestRecord<byte[], byte[]> r : driver.createOutputTopic(plan.topics().deadLetter(),
            new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList()) {
          deadLetters.add(new DeadLetter(header(r, DeadLetters.STAGE), header(r, DeadLetters.ERROR_MESSAGE),
              RecordFormat.decodeKey(r.key()), decode(RecordFormat.JSON, r.value())));
        }
      }
    } finally {
      delete(state);
    }
    return new Result(output, deadLetters, steps, failure);
  }

  /**
   * A sample run has no worker to launch plugins on nor topics to put the stage between, and a
   * plugin's answers are not the engine's to simulate, so it says which processor stands in the way.
   */
  private static void refuseOutOfProcess(StreamPlan plan) throws StreamSetupException {
    List<ComponentConfig> processors = plan.definition().spec().processors();
    for (int i = 0; i < processors.size(); i++) {
      if (StreamPlan.isRemote(processors.get(i))) {
        Map<String, Object> config = processors.get(i).config();
        Object plugin = config.containsKey("name") ? config.get("name") : config.get("address");
        throw new StreamSetupException("spec.pipeline.processors[" + i + "] (plugin " + plugin + ") runs out of "
            + "process, and sample runs do not start plugins; test the processors before and after it as "
            + "streams of their own, or run the stream on a worker (sluice dev) and watch it with sluice tap", null);
      }
    }
  }

  /**
   * A sample run holds no secrets: it runs where the stream's document is, without the control
   * plane's store. Inputs and outputs do not start, so only processors' references matter.
   */
  private static void refuseSecretReferences(StreamPlan plan) throws StreamSetupException {
    var references = SecretReferences.in(plan.definition()).entrySet().stream()
        .filter(e -> e.getKey().startsWith("spec.pipeline.")).toList();
    if (!references.isEmpty()) {
      var first = references.get(0);
      throw new StreamSetupException(first.getKey() + " refers to secret '" + first.getValue() + "', and sample "
          + "runs do not resolve secrets; test with a copy of the stream that writes a test value there, or "
          + "run the stream on a worker (sluice dev) and watch it with sluice tap", null);
    }
  }

  /** Why the stream failed: the stage's failure, which Kafka Streams wraps; any other is a bug. */
  private static String stageFailure(StreamsException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StageFailedException failed) {
        return failed.getMessage();
      }
    }
    throw e;
  }

  private static Object decode(RecordFormat format, byte[] bytes) {
    try {
      return format.decode(bytes);
    } catch (IOException notInThisFormat) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static String header(TestRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static Path temporaryState() {
    try {
      return Files.createTempDirectory("sluice-sample-run");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is no reason to fail the run
    }
  }
}
