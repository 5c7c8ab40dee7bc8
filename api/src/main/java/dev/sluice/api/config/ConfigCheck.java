package dev.sluice.api.config;

import dev.sluice.api.Problem;
import java.util.List;
import java.util.Map;

/**
 * A component's own rules for its configuration, beyond what its {@link ConfigSpec} can say: one
 * field that depends on another, a URL that must not point inside the cluster, a property that
 * would load classes.
 *
 * <p>Sluice runs it during validation, after the configuration matched the spec, so values have
 * their declared types and defaults. Components should run it again when they start, for configs
 * that reach them by other paths.
 */
@FunctionalInterface
public interface ConfigCheck {

  /** A check that finds nothing. */
  ConfigCheck NONE = config -> List.of();

  /**
   * Every problem of {@code config}, none when it is fine. Each problem's path is relative to the
   * component's configuration, such as {@code tls.ca} or {@code url}; its message says what to
   * write instead. Must not block or reach the network.
   */
  List<Problem> check(Map<String, Object> config);
}
