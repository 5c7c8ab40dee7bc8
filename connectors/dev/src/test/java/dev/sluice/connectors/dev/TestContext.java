package dev.sluice.connectors.dev;

import dev.sluice.api.component.SourceContext;
import dev.sluice.api.expression.ExpressionLanguage;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What the engine tells instance {@code instance} of a file component whose root is {@code root}. */
record TestContext(
    int instance,
    int instances,
    Map<String, Object> config,
    Optional<Map<String, Object>> committedPosition,
    Path root) implements SourceContext {

  /** Instance 0 of 1, first start. */
  static TestContext of(Path root, Map<String, Object> config) {
    return new TestContext(0, 1, config, Optional.empty(), root);
  }

  /** Instance 0 of 1, resuming at {@code position}. */
  static TestContext resuming(Path root, Map<String, Object> config, Map<String, Object> position) {
    return new TestContext(0, 1, config, Optional.of(position), root);
  }

  @Override
  public String stream() {
    return "test/file";
  }

  @Override
  public ExpressionLanguage expressions() {
    throw new UnsupportedOperationException("file components evaluate no expressions");
  }

  @Override
  public Optional<String> workerSetting(String name) {
    return name.equals(FileRoot.SETTING) && root != null
        ? Optional.of(root.toString()) : Optional.empty();
  }
}
