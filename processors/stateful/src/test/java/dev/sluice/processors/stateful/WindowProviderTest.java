package dev.sluice.processors.stateful;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Problem;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of a window's config that its spec cannot say. */
class WindowProviderTest {

  private static Map<String, Object> config(Object... pairs) {
    Map<String, Object> config = new HashMap<>(Map.of("grace", "0s", "emit", "final",
        "aggregate", Map.of("n", "$count()")));
    for (int i = 0; i < pairs.length; i += 2) {
      config.put((String) pairs[i], pairs[i + 1]);
    }
    return config;
  }

  @Test
  void eachTypeNeedsItsDurationsAndNoOthers() {
    assertThat(WindowProvider.check(config("type", "tumbling", "size", "1m"))).isEmpty();
    assertThat(WindowProvider.check(config("type", "hopping", "size", "1m", "advance", "10s"))).isEmpty();
    assertThat(WindowProvider.check(config("type", "session", "gap", "5m"))).isEmpty();

    assertThat(WindowProvider.check(config("type", "hopping", "size", "1m"))).extracting(Problem::message)
        .containsExactly("a hopping window needs 'advance', such as advance: 1m");
    assertThat(WindowProvider.check(config("type", "session", "gap", "5m", "size", "1m")))
        .extracting(Problem::path, Problem::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("size", "'size' does not apply to a session window; remove it"));
  }

  @Test
  void refusesAnAdvanceLongerThanTheWindowZeroDurationsAndReservedResultNames() {
    assertThat(WindowProvider.check(config("type", "hopping", "size", "1m", "advance", "2m")))
        .extracting(Problem::path).containsExactly("advance");
    assertThat(WindowProvider.check(config("type", "tumbling", "size", "0s"))).extracting(Problem::message)
        .containsExactly("size must be longer than 0, such as 1m");
    assertThat(WindowProvider.check(config("type", "tumbling", "size", "1m", "aggregate", Map.of("key", "$count()"))))
        .extracting(Problem::path).containsExactly("aggregate.key");
  }
}
