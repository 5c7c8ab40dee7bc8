package dev.sluice.testkit.conformance;

import dev.sluice.api.component.SourceContext;
import dev.sluice.api.expression.ExpressionLanguage;
import dev.sluice.expression.JsonataLanguage;
import java.util.Map;
import java.util.Optional;

/**
 * What the kit tells a connector when it starts it: instance 0 of 1 of the stream {@code
 * conformance/<component>}, with a validated config.
 *
 * @param stream the stream id
 * @param config the validated configuration, defaults applied
 * @param committedPosition the position to resume from, empty on a first start
 * @param workerSettings the worker settings the test gives, such as the ingest port
 */
public record ConformanceContext(
    String stream,
    Map<String, Object> config,
    Optional<Map<String, Object>> committedPosition,
    Map<String, String> workerSettings)
    implements SourceContext {

  private static final ExpressionLanguage LANGUAGE = new JsonataLanguage();

  @Override
  public int instance() {
    return 0;
  }

  @Override
  public int instances() {
    return 1;
  }

  @Override
  public Optional<String> workerSetting(String name) {
    return Optional.ofNullable(workerSettings.get(name));
  }

  @Override
  public ExpressionLanguage expressions() {
    return LANGUAGE;
  }
}
