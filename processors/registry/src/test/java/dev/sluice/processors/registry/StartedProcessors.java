package dev.sluice.processors.registry;

import dev.sluice.api.component.Processor;
import dev.sluice.api.error.ComponentException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The processors a test started, to close after it, and the configs it starts them with. */
final class StartedProcessors {

  private final List<Processor> started = new ArrayList<>();

  /** Starts {@code processor} with {@code config} and keeps it to close. */
  Processor start(Processor processor, Map<String, Object> config) throws ComponentException {
    started.add(processor);
    processor.start(new TestContext(config));
    return processor;
  }

  /** Closes every processor started so far. */
  void closeAll() {
    started.forEach(Processor::close);
    started.clear();
  }

  /** {@code base} with {@code pairs} (name, value, name, value...) put over it. */
  static Map<String, Object> config(Map<String, Object> base, Object... pairs) {
    Map<String, Object> config = new HashMap<>(base);
    for (int i = 0; i < pairs.length; i += 2) {
      config.put((String) pairs[i], pairs[i + 1]);
    }
    return config;
  }
}
