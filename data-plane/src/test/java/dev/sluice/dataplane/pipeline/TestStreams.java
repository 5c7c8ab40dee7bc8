package dev.sluice.dataplane.pipeline;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.ProcessorProvider;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.definition.ComponentConfig;
import dev.sluice.api.definition.DesiredState;
import dev.sluice.api.definition.ErrorPolicy;
import dev.sluice.api.definition.Guarantee;
import dev.sluice.api.definition.Metadata;
import dev.sluice.api.definition.StreamDefinition;
import dev.sluice.api.definition.StreamSpec;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.component.Processor;
import dev.sluice.api.record.Record;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stream definitions and processors for topology tests. The processor {@code tag} adds {@code
 * "seen": true} to map values, and fails on values whose {@code fail} field says how: {@code
 * "permanent"}, or {@code "transient"} for the first {@code transientFailures} tries. {@code split}
 * turns each record into two, adding {@code "part": 1} and {@code 2} and as much to the timestamp.
 * {@code check} passes records on unchanged, except that it fails (permanently) on those whose
 * {@code check} field equals {@code "part"} followed by their {@code part}.
 */
final class TestStreams {

  static final AtomicInteger TRIES = new AtomicInteger();

  private TestStreams() {}

  static StreamDefinition kafkaToKafka(ErrorPolicy errors, String... processors) {
    return kafkaToKafkaWritten(errors, "json", processors);
  }

  /** Kafka to Kafka without processors, the output setting {@code headers} from expressions. */
  static StreamDefinition kafkaToKafkaWithHeaders(Map<String, String> headers) {
    return new StreamDefinition(new Metadata("s", "ns", Map.of(), null), new StreamSpec(
        DesiredState.ACTIVE, 1, Guarantee.AT_LEAST_ONCE,
        new ComponentConfig("kafka", Map.of("topics", List.of("in"), "format", "json")), List.of(),
        new ComponentConfig("kafka", Map.of("topic", "out", "format", "json", "headers", headers)),
        ErrorPolicy.defaults()));
  }

  /** {@code kafkaToKafka} whose output has the format {@code outputFormat}. */
  static StreamDefinition kafkaToKafkaWritten(ErrorPolicy errors, String outputFormat, String... processors) {
    List<ComponentConfig> stages = new ArrayList<>();
    for (String p : processors) {
      stages.add(new ComponentConfig(p, Map.of()));
    }
    return kafkaToKafka(errors, outputFormat, stages);
  }

  /** Kafka to Kafka through {@code processor}, configured as given. */
  static StreamDefinition kafkaToKafka(ErrorPolicy errors, ComponentConfig processor) {
    return kafkaToKafka(errors, "json", List.of(processor));
  }

  private static StreamDefinition kafkaToKafka(ErrorPolicy errors, String outputFormat, List<ComponentConfig> stages) {
    return new StreamDefinition(new Metadata("s", "ns", Map.of(), null), new StreamSpec(
        DesiredState.ACTIVE, 1, Guarantee.AT_LEAST_ONCE,
        new ComponentConfig("kafka", Map.of("topics", List.of("in"), "format", "json")),
        stages,
        new ComponentConfig("kafka", Map.of("topic", "out", "format", outputFormat)),
        errors));
  }

  static Components components(int transientFailures) {
    return Components.of(List.of(
        provider("tag", record -> {
          Map<String, Object> value = value(record);
          Object fail = value.get("fail");
          if ("permanent".equals(fail)) {
            throw new PermanentException("bad record " + value.get("id"), null);
          }
          if ("transient".equals(fail) && TRIES.incrementAndGet() <= transientFailures) {
            throw new RetriableException("busy", null);
          }
          value.put("seen", true);
          return List.of(record.withValue(value));
        }),
        provider("split", record -> {
          List<Record> parts = new ArrayList<>();
          for (int part = 1; part <= 2; part++) {
            Map<String, Object> value = value(record);
            value.put("part", part);
            parts.add(new Record(record.key(), value, record.headers(), record.timestamp() + part));
          }
          return parts;
        }),
        provider("check", record -> {
          Map<String, Object> value = value(record);
          if (("part" + value.get("part")).equals(value.get("check"))) {
            throw new PermanentException("check failed on part " + value.get("part"), null);
          }
          return List.of(record);
        })));
  }

  /** What a test processor does with each record. */
  private interface Work {
    List<Record> process(Record record) throws PermanentException, RetriableException;
  }

  private static ProcessorProvider provider(String name, Work work) {
    return new ProcessorProvider() {
      @Override
      public ComponentDescriptor descriptor() {
        return new ComponentDescriptor(name, ComponentKind.PROCESSOR, "test", ConfigSpec.EMPTY);
      }

      @Override
      public Processor create() {
        return new Processor() {
          @Override
          public void start(ComponentContext context) {}

          @Override
          public List<Record> process(Record record) throws PermanentException, RetriableException {
            return work.process(record);
          }
        };
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> value(Record record) {
    return new LinkedHashMap<>((Map<String, Object>) record.value());
  }
}
