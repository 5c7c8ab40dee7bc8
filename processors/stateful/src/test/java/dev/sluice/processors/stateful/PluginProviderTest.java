package dev.sluice.processors.stateful;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Problem;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of a plugin processor's config that its spec cannot say. */
class PluginProviderTest {

  @Test
  void takesANameOrAnAddress() {
    assertThat(PluginProvider.check(Map.of("name", "uppercase-java"))).isEmpty();
    assertThat(PluginProvider.check(Map.of("address", "127.0.0.1:50051"))).isEmpty();
    assertThat(PluginProvider.check(Map.of("address", "plugin-service:50051"))).isEmpty();
  }

  @Test
  void refusesNeitherOrBothNamingTheFieldAndTheFix() {
    assertThat(PluginProvider.check(Map.of())).extracting(Problem::path).containsExactly("name");
    assertThat(PluginProvider.check(Map.of("name", "a", "address", "h:1")))
        .extracting(Problem::path, Problem::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("address", "h:1"));
  }

  @Test
  void refusesABadNameOrAddressQuotingTheValue() {
    assertThat(PluginProvider.check(Map.of("name", "Upper Case"))).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("'Upper Case'", "uppercase-java"));
    assertThat(PluginProvider.check(Map.of("address", "localhost"))).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("'localhost' is not host:port"));
  }
}
