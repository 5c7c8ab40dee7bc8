package dev.sluice.connectors.postgrescdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.api.Problem;
import dev.sluice.api.error.ConfigException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresCdcConfigTest {

  @Test
  void slotAndPublicationDefaultToTheStreamsName() throws Exception {
    PostgresCdcConfig config = PostgresCdcConfig.from(context(PostgresCdcConfigCheckTest.valid()));

    assertThat(config.slot()).isEqualTo("sluice_test_cdc");
    assertThat(config.publication()).isEqualTo("sluice_test_cdc");
    assertThat(config.snapshot()).isEqualTo(SnapshotMode.INITIAL);
    assertThat(config.tables()).extracting(TableName::toString)
        .containsExactly("public.orders", "sales.Customers$2");
    assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void longStreamNamesGiveDistinctSlotsOfAtMost63Characters() {
    String a = PostgresCdcConfig.defaultName("team-" + "a".repeat(50) + "/orders-" + "b".repeat(50));
    String b = PostgresCdcConfig.defaultName("team-" + "a".repeat(50) + "/orders-" + "c".repeat(50));

    assertThat(a).hasSize(63).matches(PostgresCdcConfigCheck.SLOT).isNotEqualTo(b);
    assertThat(b).hasSize(63).startsWith("sluice_team_aaa");
  }

  @Test
  void typedFieldsAreRead() throws Exception {
    Map<String, Object> raw = PostgresCdcConfigCheckTest.valid();
    raw.put("snapshot", "when_needed");
    raw.put("heartbeat", "10s");
    raw.put("slot", "my_slot");

    PostgresCdcConfig config = PostgresCdcConfig.from(context(raw));

    assertThat(config.snapshot().debeziumName()).isEqualTo("when_needed");
    assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.slot()).isEqualTo("my_slot");
    assertThat(config.publication()).isEqualTo("sluice_test_cdc");
  }

  @Test
  void theCheckRunsAgainAtStartAndThePasswordIsNeverPrinted() throws Exception {
    Map<String, Object> raw = PostgresCdcConfigCheckTest.valid();
    assertThat(PostgresCdcConfig.from(context(raw)).toString()).doesNotContain("secret");

    raw.put("hostname", "db?x=y");
    raw.remove("user");
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> PostgresCdcConfig.from(context(raw)));
    assertThat(e.problems()).extracting(Problem::path).containsExactlyInAnyOrder("hostname", "user");
  }

  @Test
  void aStoredPositionIsReadBackWithLongNumbers() throws Exception {
    Map<String, Object> offset = PostgresCdcSource.offsetOf(
        Map.of("lsn", 12345, "txId", 7, "ts_usec", 1_700_000_000_000_000L, "snapshot_completed",
            true));

    assertThat(offset).containsEntry("lsn", 12345L).containsEntry("txId", 7L)
        .containsEntry("snapshot_completed", true);
    ConfigException foreign = catchThrowableOfType(ConfigException.class,
        () -> PostgresCdcSource.offsetOf(Map.of("seq", 3)));
    assertThat(foreign.problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("reset"));
  }

  private static TestSourceContext context(Map<String, Object> config) {
    return new TestSourceContext(0, config, Optional.empty());
  }
}
