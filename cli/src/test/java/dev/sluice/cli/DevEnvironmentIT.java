package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Boots what {@code sluice dev} boots, on free ports, twice on the same data directory. */
class DevEnvironmentIT {

  @TempDir Path data;

  private final StringWriter progress = new StringWriter();

  private DevEnvironment start() throws Exception {
    return DevEnvironment.start(new DevEnvironment.Settings(
        data, freePort(), freePort(), Path.of("../examples")), new PrintWriter(progress, true));
  }

  @Test
  void bootsEverythingAndASecondStartReusesTheData() throws Exception {
    String token;
    try (DevEnvironment env = start()) {
      assertThat(progress.toString().lines()).hasSize(4).allMatch(l -> l.contains("ready in"));
      assertThat(env.examples()).extracting(d -> d.id())
          .containsExactlyInAnyOrder("examples/orders-generate", "examples/orders-large");
      token = env.adminToken();
      assertThat(token).startsWith("sluice_").hasSizeGreaterThan(40);
      assertThat(Files.readString(DevEnvironment.tokenFile(data)).strip()).isEqualTo(token);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DevEnvironment.tokenFile(data))))
          .isEqualTo("rw-------");
      try (Admin admin = admin(env)) {
        admin.createTopics(java.util.List.of(new NewTopic("kept", 1, (short) 1))).all().get();
      }
      try (Connection c = DriverManager.getConnection(env.databaseUrl(), "postgres", "")) {
        c.createStatement().execute("create table kept (id int)");
      }
    }

    try (DevEnvironment env = start()) {
      assertThat(env.adminToken()).isEqualTo(token);
      try (Admin admin = admin(env)) {
        assertThat(admin.listTopics().names().get()).contains("kept");
      }
      try (Connection c = DriverManager.getConnection(env.databaseUrl(), "postgres", "");
          ResultSet rs = c.createStatement().executeQuery("select count(*) from kept")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isZero();
      }
    }
  }

  @Test
  void refusesASecondInstanceOnTheSameDataDirectory() throws Exception {
    try (DevEnvironment first = start()) {
      assertThatThrownBy(this::start)
          .isInstanceOf(UserError.class)
          .hasMessage("another sluice dev is already using " + data
              + "; stop it first, or pass --data-dir with another directory");
      assertThat(first.kafka().bootstrapServers()).isNotEmpty();
    }
  }

  @Test
  void namesTheOptionWhenAPortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      assertThatThrownBy(() -> DevEnvironment.start(new DevEnvironment.Settings(
              data, taken.getLocalPort(), freePort(), Path.of("../examples")), new PrintWriter(progress, true)))
          .isInstanceOf(UserError.class)
          .hasMessageContaining("port " + taken.getLocalPort() + " is in use")
          .hasMessageContaining("--kafka-port");
    }
    assertThat(progress.toString()).contains("Kafka", "failed");
  }

  private static Admin admin(DevEnvironment env) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafka().bootstrapServers()));
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
