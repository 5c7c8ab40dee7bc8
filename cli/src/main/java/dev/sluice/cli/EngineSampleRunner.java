package dev.sluice.cli;

import dev.sluice.api.definition.StreamDefinition;
import dev.sluice.controlplane.streams.SampleRunner;
import dev.sluice.dataplane.pipeline.Components;
import dev.sluice.dataplane.pipeline.SampleRun;
import dev.sluice.dataplane.pipeline.StreamPlan;
import dev.sluice.dataplane.pipeline.StreamSetupException;
import dev.sluice.dataplane.pipeline.StreamTopology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control plane's test runner on the worker's engine: {@link SampleRun} with the components
 * installed here, its result as JSON-like maps for {@code POST /api/v1/test}. Thread-safe.
 */
final class EngineSampleRunner implements SampleRunner {

  private final StreamTopology topologies;

  EngineSampleRunner(Components components) {
    this.topologies = SampleRun.topologies(components);
  }

  @Override
  public Map<String, Object> run(StreamDefinition stream, List<Sample> samples) throws SampleRunException {
    SampleRun.Result result;
    try {
      result = SampleRun.run(topologies, StreamPlan.of(stream), samples.stream()
          .map(s -> new SampleRun.Sample(s.key(), s.value(), s.time())).toList());
    } catch (StreamSetupException e) {
      throw new SampleRunException(e.getMessage());
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("output", result.output().stream().map(o -> record(o.key(), o.value(), o.time().toString())).toList());
    answer.put("deadLetters", result.deadLetters().stream().map(d -> {
      Map<String, Object> m = record(d.key(), d.value(), null);
      m.put("stage", d.stage());
      m.put("error", d.error());
      return m;
    }).toList());
    answer.put("steps", result.steps());
    answer.put("failure", result.failure());
    return answer;
  }

  private static Map<String, Object> record(Object key, Object value, String time) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", key);
    m.put("value", value);
    if (time != null) {
      m.put("time", time);
    }
    return m;
  }
}
