package dev.sluice.controlplane.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.PostgresExtension;
import java.net.ServerSocket;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class ControlPlaneDatabaseIT {

  @Test
  void opensMigratedAndOpensAgainWithoutMigratingTwice(EmbeddedPostgres postgres) throws Exception {
    String url = postgres.createDatabase("control_plane_database_it");

    try (ControlPlaneDatabase first = ControlPlaneDatabase.open(url, null, null)) {
      assertThat(tables(first)).contains("streams", "stream_revisions", "outbox", "audit_log",
          "secrets", "api_tokens");
    }
    try (ControlPlaneDatabase again = ControlPlaneDatabase.open(url, null, null);
        Connection dedicated = again.dedicatedConnection()) {
      int appliedV1 = again.jdbi().withHandle(h -> h.createQuery(
              "select count(*) from flyway_schema_history where version = '1'")
          .mapTo(Integer.class).one());
      assertThat(appliedV1).isEqualTo(1);
      assertThat(dedicated.isValid(5)).isTrue();
    }
  }

  @Test
  void anUnreachableDatabaseIsReportedWithoutTheQueryString() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "jdbc:postgresql://localhost:" + closedPort + "/sluice?password=hunter2";

    assertThatThrownBy(() -> ControlPlaneDatabase.open(url, "sluice", null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("cannot connect to the control plane database at jdbc:postgresql://localhost:")
        .hasMessageContaining("check the JDBC URL")
        .hasMessageNotContaining("hunter2");
  }

  private static List<String> tables(ControlPlaneDatabase database) {
    return database.jdbi().withHandle(h -> h.createQuery(
            "select table_name from information_schema.tables where table_schema = 'public'")
        .mapTo(String.class).list());
  }
}
