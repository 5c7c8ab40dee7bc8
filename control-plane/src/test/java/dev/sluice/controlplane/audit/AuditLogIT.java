package dev.sluice.controlplane.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.controlplane.store.ControlPlaneDatabase;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.PostgresExtension;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class AuditLogIT {

  private static ControlPlaneDatabase database;
  private static AuditLog audit;

  @BeforeAll
  static void openDatabase(EmbeddedPostgres postgres) {
    database = ControlPlaneDatabase.open(postgres.createDatabase("audit_log_it"), null, null);
    audit = new AuditLog(database.jdbi());
    database.jdbi().useTransaction(h -> {
      for (int i = 1; i <= 5; i++) {
        AuditLog.record(h, "alice", "stream.update", i % 2 == 0 ? "even" : "odd", "s" + i,
            Map.of("revision", i));
      }
      AuditLog.record(h, "root", "streams.republish", null, null, Map.of());
    });
  }

  @AfterAll
  static void closeDatabase() {
    database.close();
  }

  @Test
  void listsNewestFirstAndPagesBackwardsById() {
    List<AuditEntry> firstPage = audit.list(Optional.empty(), null, 4);
    List<AuditEntry> secondPage = audit.list(Optional.empty(), firstPage.get(3).id(), 4);

    assertThat(firstPage).extracting(AuditEntry::action)
        .containsExactly("streams.republish", "stream.update", "stream.update", "stream.update");
    assertThat(firstPage.get(1).detail()).containsEntry("revision", 5);
    assertThat(firstPage.get(1).at()).isNotNull();
    assertThat(secondPage).extracting(AuditEntry::name).containsExactly("s2", "s1");
  }

  @Test
  void filtersByNamespace() {
    assertThat(audit.list(Optional.of("even"), null, 100)).extracting(AuditEntry::name)
        .containsExactly("s4", "s2");
  }

  @Test
  void refusesPagesOutsideTheLimits() {
    assertThatThrownBy(() -> audit.list(Optional.empty(), null, 0))
        .hasMessage("limit must be from 1 to 1000, got 0");
  }
}
