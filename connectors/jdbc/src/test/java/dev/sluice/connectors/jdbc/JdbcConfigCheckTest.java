package dev.sluice.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.definitions.DefinitionReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcConfigCheckTest {

  private static final String URL = "jdbc:postgresql://db:5432/shop";

  @Test
  void aValidConfigHasNoProblems() {
    assertThat(check(Map.of("key", List.of("tenant", "id"), "columns",
        Map.of("tenant", "t", "id", "order.id", "total", "amount")))).isEmpty();
  }

  @Test
  void createTableWithUpsertNeedsAKey() {
    assertThat(check(Map.of("createTable", true))).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("key");
      assertThat(p.message()).contains("createTable with mode upsert needs key");
    });
    assertThat(check(Map.of("createTable", true, "mode", "insert"))).isEmpty();
  }

  @Test
  void keyColumnsMustBeNamedOnceAndMappedWhenColumnsAreMapped() {
    assertThat(check(Map.of("key", List.of("id", " ", "id"), "columns", Map.of("name", "n"))))
        .extracting(Problem::path, Problem::value)
        .containsExactlyInAnyOrder(
            tuple("key[1]", " "),
            tuple("key[2]", "id"),
            tuple("columns", null));
  }

  @Test
  void tableNamesHaveOneOrTwoParts() {
    assertThat(check(Map.of("table", "a.b.c"))).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("3 parts"));
    assertThat(check(Map.of("table", "sales."))).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("no blank part"));
    assertThat(check(Map.of("table", "x".repeat(64)))).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("63-byte limit"));
    assertThat(check(Map.of("table", "Sales.\"Orders\" 2024"))).isEmpty();
  }

  @Test
  void referencesAreRefusedAndASecretIsNeverEchoed() {
    List<Problem> problems = check(Map.of("user", "${env:DB_USER}",
        "password", "${file:/run/secrets/db:password}"));

    assertThat(problems).extracting(Problem::path).containsExactlyInAnyOrder("user", "password");
    assertThat(problems).filteredOn(p -> p.path().equals("password")).singleElement()
        .satisfies(p -> {
          assertThat(p.value()).isNull();
          assertThat(p.message()).doesNotContain("/run/secrets");
        });
  }

  @Test
  void aUserThatDiffersFromTheOneInTheUrlIsRefused() {
    assertThat(check(Map.of("url", URL + "?user=app", "user", "other"))).singleElement()
        .satisfies(p -> assertThat(p.path()).isEqualTo("user"));
    assertThat(check(Map.of("url", URL + "?user=app", "user", "app"))).isEmpty();
  }

  @Test
  void validationOfAStreamDocumentRefusesInjectedUrlParametersAtTheirLine() {
    var catalog = ComponentCatalog.of(List.of(new JdbcOutputProvider().descriptor(),
        new ComponentDescriptor("fake", ComponentKind.INPUT, "test input", ConfigSpec.EMPTY)));
    String yaml = """
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: orders-to-db, namespace: shop}
        spec:
          input: {fake: {}}
          output:
            jdbc:
              url: "jdbc:postgresql://db/shop?sslfactory=org.example.TrustAll&loggerFile=/tmp/x"
              table: orders
        """;

    List<Problem> problems = new DefinitionReader(catalog).readOne("orders.yaml", yaml).problems();

    assertThat(problems).hasSize(2).allSatisfy(p -> {
      assertThat(p.path()).isEqualTo("spec.output.jdbc.url");
      assertThat(p.line()).isEqualTo(8);
    });
    assertThat(problems).extracting(Problem::message).anySatisfy(
        m -> assertThat(m).contains("sslfactory=org.example.TrustAll").contains("load and run"));
  }

  private static List<Problem> check(Map<String, Object> overrides) {
    Map<String, Object> config = new HashMap<>(Map.of("url", URL, "table", "orders",
        "mode", "upsert", "createTable", false));
    config.putAll(overrides);
    return new JdbcConfigCheck().check(config);
  }
}
