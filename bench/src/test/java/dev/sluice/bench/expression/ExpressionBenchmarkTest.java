package dev.sluice.bench.expression;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every language computes the same thing in the benchmark, so the timings compare like for like. */
class ExpressionBenchmarkTest {

  private static final Map<String, Object> MAPPED = Map.of(
      "user", "u-1842", "name", "Ada Lovelace", "total", 129.95 * 3, "currency", "EUR");

  private static final ExpressionBenchmark BENCH = new ExpressionBenchmark();

  @BeforeAll
  static void compile() throws Exception {
    BENCH.setUp();
  }

  @Test
  void theEventIsAbout200Bytes() {
    assertThat(SampleEvent.BYTES.length).isBetween(180, 220);
  }

  @Test
  void everyMappingBuildsTheSameObject() throws Exception {
    assertThat(BENCH.jsonataMapping()).isEqualTo(MAPPED);
    assertThat(BENCH.jsonataRawMapping()).isEqualTo(MAPPED);
    assertThat(BENCH.celMapping()).isEqualTo(MAPPED);
    assertThat(BENCH.celMappingOnMap()).isEqualTo(MAPPED);
    assertThat(asMap(BENCH.jsltMapping())).isEqualTo(MAPPED);
    assertThat(BENCH.jsltMappingOnMap()).isEqualTo(MAPPED);
    assertThat(asMap(BENCH.jqMapping())).isEqualTo(MAPPED);
    assertThat(BENCH.jqMappingOnMap()).isEqualTo(MAPPED);
  }

  @Test
  void everyPredicateHolds() throws Exception {
    assertThat(BENCH.jsonataPredicate()).isEqualTo(true);
    assertThat(BENCH.jsonataRawPredicate()).isEqualTo(true);
    assertThat(BENCH.celPredicate()).isEqualTo(true);
    assertThat(BENCH.celPredicateOnMap()).isEqualTo(true);
    assertThat(BENCH.jsltPredicate().asBoolean()).isTrue();
    assertThat(BENCH.jsltPredicateOnMap()).isTrue();
    assertThat(BENCH.jqPredicate().asBoolean()).isTrue();
    assertThat(BENCH.jqPredicateOnMap()).isTrue();
  }

  @Test
  void conversionsRoundTrip() throws Exception {
    ExpressionInputConversionBenchmark conversions = new ExpressionInputConversionBenchmark();
    conversions.setUp();

    assertThat(conversions.mapToTree()).isEqualTo(SampleEvent.asTree());
    assertThat(conversions.treeToMap()).isEqualTo(SampleEvent.asMap());
    assertThat(conversions.decodeBytesToMap()).isEqualTo(SampleEvent.asMap());
    assertThat(conversions.decodeBytesToTree()).isEqualTo(SampleEvent.asTree());
  }

  private static Object asMap(JsonNode node) {
    return SampleEvent.MAPPER.convertValue(node, Map.class);
  }
}
