package dev.sluice.testkit.conformance;

import java.util.List;
import java.util.Map;

/**
 * A connector config with mistakes, for the kit's validation test.
 *
 * @param config the config as a user would write it
 * @param paths the path of every mistake, relative to the component's config, such as {@code
 *     url} or {@code batch.count}; validation must name exactly these
 */
public record InvalidConfig(Map<String, Object> config, List<String> paths) {

  public InvalidConfig {
    config = Map.copyOf(config);
    paths = List.copyOf(paths);
  }
}
