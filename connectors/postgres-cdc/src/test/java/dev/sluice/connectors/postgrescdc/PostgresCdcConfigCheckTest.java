package dev.sluice.connectors.postgrescdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresCdcConfigCheckTest {

  private final PostgresCdcConfigCheck check = new PostgresCdcConfigCheck();

  @Test
  void aPlainConfigHasNoProblems() {
    assertThat(check.check(valid())).isEmpty();
  }

  @Test
  void namesThatWouldReachTheJdbcUrlMustBePlain() {
    Map<String, Object> config = valid();
    config.put("hostname", "db.internal/shop?socketFactory=org.example.Evil");
    config.put("database", "shop?sslfactory=org.example.Evil");

    assertThat(check.check(config)).extracting(Problem::path)
        .containsExactlyInAnyOrder("hostname", "database");
  }

  @Test
  void hostsMayBeNamesOrAddresses() {
    for (String host : List.of("localhost", "db-1.internal", "10.0.0.5", "[::1]")) {
      Map<String, Object> config = valid();
      config.put("hostname", host);
      assertThat(check.check(config)).as(host).isEmpty();
    }
  }

  @Test
  void tablesAreSchemaDotTableEachOnce() {
    Map<String, Object> config = valid();
    config.put("tables", List.of("orders", "public.orders", "public.orders", "public.x;drop"));

    List<Problem> problems = check.check(config);

    assertThat(problems).extracting(Problem::path)
        .containsExactly("tables[0]", "tables[2]", "tables[3]");
    assertThat(problems.get(0).message()).contains("public.orders");
  }

  @Test
  void slotAndPublicationAreLowerCaseIdentifiers() {
    Map<String, Object> config = valid();
    config.put("slot", "Orders-Slot");
    config.put("publication", "1pub");

    assertThat(check.check(config)).extracting(Problem::path)
        .containsExactlyInAnyOrder("slot", "publication");
  }

  @Test
  void droppingTheSlotOnStopNeedsASnapshotWhenNeeded() {
    Map<String, Object> config = valid();
    config.put("dropSlotOnStop", true);

    assertThat(check.check(config)).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("dropSlotOnStop");
      assertThat(p.message()).contains("snapshot: when_needed");
    });
    config.put("snapshot", "when_needed");
    assertThat(check.check(config)).isEmpty();
  }

  @Test
  void aHeartbeatIsAtMostOncePerSecond() {
    Map<String, Object> config = valid();
    config.put("heartbeat", "100ms");
    assertThat(check.check(config)).extracting(Problem::path).containsExactly("heartbeat");
    config.put("heartbeat", "10s");
    assertThat(check.check(config)).isEmpty();
  }

  static Map<String, Object> valid() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("hostname", "db.internal");
    config.put("port", 5432L);
    config.put("database", "shop");
    config.put("user", "sluice");
    config.put("password", "secret");
    config.put("tables", List.of("public.orders", "sales.Customers$2"));
    config.put("snapshot", "initial");
    config.put("dropSlotOnStop", false);
    return config;
  }
}
