package dev.sluice.controlplane.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.controlplane.store.ControlPlaneDatabase;
import dev.sluice.controlplane.store.NotFoundException;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.PostgresExtension;
import java.nio.charset.StandardCharsets;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class SecretStoreIT {

  private static final String VALUE = "s3cr3t-Pa55w0rd-that-must-stay-hidden";

  private static ControlPlaneDatabase database;
  private static Jdbi jdbi;
  private static SecretStore secrets;

  @BeforeAll
  static void openDatabase(EmbeddedPostgres postgres) {
    database = ControlPlaneDatabase.open(postgres.createDatabase("secret_store_it"), null, null);
    jdbi = database.jdbi();
    secrets = new SecretStore(jdbi, SecretCipher.fromBase64(SecretCipher.newKeyBase64()));
  }

  @AfterAll
  static void closeDatabase() {
    database.close();
  }

  @Test
  void aSecretRoundTripsAndIsListedByName() {
    secrets.put("shop", "db-password", VALUE, "alice");
    secrets.put("shop", "api-key", "first", "alice");
    secrets.put("shop", "api-key", "second", "alice");
    secrets.put("web", "db-password", "other", "alice");

    assertThat(secrets.reveal("shop", "db-password")).contains(VALUE);
    assertThat(secrets.reveal("shop", "api-key")).contains("second");
    assertThat(secrets.reveal("shop", "missing")).isEmpty();
    assertThat(secrets.names("shop")).containsExactly("api-key", "db-password");
  }

  @Test
  void theValueIsStoredEncryptedAndNeverInTheAuditLog() {
    secrets.put("audit", "token", VALUE, "alice");
    secrets.delete("audit", "token", "alice");
    secrets.put("audit", "token", VALUE, "alice");

    byte[] ciphertext = jdbi.withHandle(h -> h.createQuery(
            "select ciphertext from secrets where namespace = 'audit' and name = 'token'")
        .mapTo(byte[].class).one());
    assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(VALUE);
    String audit = jdbi.withHandle(h -> h.createQuery(
            "select string_agg(action || ' ' || detail::text, ' ') from audit_log where namespace = 'audit'")
        .mapTo(String.class).one());
    assertThat(audit).contains("secret.put", "secret.delete").doesNotContain(VALUE);
  }

  @Test
  void aDifferentKeyCannotDecryptAndSaysSoWithoutTheValue() {
    secrets.put("keys", "db-password", VALUE, "alice");
    SecretStore withOtherKey = new SecretStore(jdbi, SecretCipher.fromBase64(SecretCipher.newKeyBase64()));

    assertThatThrownBy(() -> withOtherKey.reveal("keys", "db-password"))
        .isInstanceOf(SecretDecryptionException.class)
        .hasMessageContaining("keys/db-password")
        .hasMessageContaining("SLUICE_SECRET_KEY")
        .hasMessageNotContaining(VALUE);
  }

  @Test
  void aCiphertextMovedToAnotherSecretDoesNotDecrypt() {
    secrets.put("moved", "source", VALUE, "alice");
    secrets.put("moved", "target", "harmless", "alice");
    jdbi.useHandle(h -> h.execute("update secrets t set nonce = s.nonce, ciphertext = s.ciphertext "
        + "from secrets s where s.namespace = 'moved' and s.name = 'source' "
        + "and t.namespace = 'moved' and t.name = 'target'"));

    assertThatThrownBy(() -> secrets.reveal("moved", "target"))
        .isInstanceOf(SecretDecryptionException.class);
  }

  @Test
  void badInputIsRefusedWithoutEchoingTheValue() {
    String large = "x".repeat(SecretStore.MAX_VALUE_BYTES + 1);

    assertThatThrownBy(() -> secrets.put("Shop", "db", VALUE, "alice"))
        .hasMessageContaining("namespace 'Shop' is not valid");
    assertThatThrownBy(() -> secrets.put("shop", "db password", VALUE, "alice"))
        .hasMessageContaining("secret name 'db password' is not valid")
        .hasMessageNotContaining(VALUE);
    assertThatThrownBy(() -> secrets.put("shop", "huge", large, "alice"))
        .hasMessageContaining("has 65537 bytes")
        .hasMessageNotContaining("xxxx");
    assertThatThrownBy(() -> secrets.delete("shop", "never-written", "alice"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("secret shop/never-written does not exist");
  }
}
