package dev.sluice.dataplane.pipeline;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stream definitions and processors for topology tests. The processor {@code tag} adds {@code
 * "seen": true} to map values, and fails on values whose {@code fail} field says how: {@code
 * "permanent"}, or {@code "transient"} for the first {@code transientFailures} tries.
 */
final class TestStreams {

  static final AtomicInteger TRIES = new AtomicInteger();

  private TestStreams() {}

  static StreamDefinition kafkaToKafka(ErrorPolicy errors, String... processors) {
    List<ComponentConfig> stages = new ArrayList<>();
    for (String p : processors) {
      stages.add(new ComponentConfig(p, Map.of()));
    }
    return new StreamDefinition(new Metadata("s", "ns", Map.of(), null), new StreamSpec(
        DesiredState.ACTIVE, 1, Guarantee.AT_LEAST_ONCE,
        new ComponentConfig("kafka", Map.of("topics", List.of("in"), "format", "json")),
        stages,
        new ComponentConfig("kafka", Map.of("topic", "out", "format", "json")),
        errors));
  }

  static Components components(int transientFailures) {
    return Components.of(List.of(new ProcessorProvider() {
      @Override
      public ComponentDescriptor descriptor() {
        return new ComponentDescriptor("tag", ComponentKind.PROCESSOR, "test", ConfigSpec.EMPTY);
      }

      @Override
      public Processor create() {
        return new Processor() {
          @Override
          public void start(dev.sluice.api.component.ComponentContext context) {}

          @Override
          @SuppressWarnings("unchecked")
          public List<dev.sluice.api.record.Record> process(dev.sluice.api.record.Record record)
              throws PermanentException, RetriableException {
            Map<String, Object> value = new LinkedHashMap<>((Map<String, Object>) record.value());
            Object fail = value.get("fail");
            if ("permanent".equals(fail)) {
              throw new PermanentException("bad record " + value.get("id"), null);
            }
            if ("transient".equals(fail) && TRIES.incrementAndGet() <= transientFailures) {
              throw new RetriableException("busy", null);
            }
            value.put("seen", true);
            return List.of(record.withValue(value));
          }
        };
      }
    }));
  }
}
