package dev.sluice.controlplane.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.controlplane.audit.AuditEntry;
import dev.sluice.controlplane.audit.AuditLog;
import dev.sluice.controlplane.store.ConflictException;
import dev.sluice.controlplane.store.ControlPlaneDatabase;
import dev.sluice.controlplane.store.NotFoundException;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class TokenServiceIT {

  private static ControlPlaneDatabase database;
  private static Jdbi jdbi;
  private static TokenService tokens;

  @BeforeAll
  static void openDatabase(EmbeddedPostgres postgres) {
    database = ControlPlaneDatabase.open(postgres.createDatabase("token_service_it"), null, null);
    jdbi = database.jdbi();
    tokens = new TokenService(jdbi);
  }

  @AfterAll
  static void closeDatabase() {
    database.close();
  }

  @Test
  void aCreatedTokenAuthenticatesAsItsPrincipalAndOnlyItsHashIsStored() throws Exception {
    IssuedToken issued = tokens.create("ci-deploy", Role.EDITOR, List.of("web", "shop", "web"), "root");

    assertThat(issued.plaintext()).startsWith("sluice_").hasSize("sluice_".length() + 43);
    assertThat(issued.toString()).doesNotContain(issued.plaintext());
    assertThat(tokens.authenticate(issued.plaintext()))
        .contains(new Principal("ci-deploy", Role.EDITOR, List.of("shop", "web")));
    byte[] stored = jdbi.withHandle(h -> h.createQuery(
            "select token_hash from api_tokens where name = 'ci-deploy'").mapTo(byte[].class).one());
    assertThat(stored).isEqualTo(MessageDigest.getInstance("SHA-256")
        .digest(issued.plaintext().getBytes(StandardCharsets.UTF_8)));
    assertThat(tokens.list()).filteredOn(t -> t.name().equals("ci-deploy")).singleElement()
        .satisfies(t -> assertThat(t.lastUsedAt()).isNotNull());
  }

  @Test
  void wrongMissingAndRevokedTokensDoNotAuthenticate() {
    IssuedToken issued = tokens.create("short-lived", Role.VIEWER, List.of("*"), "root");
    String last = issued.plaintext().substring(issued.plaintext().length() - 1);
    String oneCharacterOff = issued.plaintext().substring(0, issued.plaintext().length() - 1)
        + (last.equals("A") ? "B" : "A");

    assertThat(tokens.authenticate(oneCharacterOff)).isEmpty();
    assertThat(tokens.authenticate("sluice_guess")).isEmpty();
    assertThat(tokens.authenticate(null)).isEmpty();
    assertThat(tokens.authenticate(" ")).isEmpty();

    tokens.revoke("short-lived", "root");

    assertThat(tokens.authenticate(issued.plaintext())).isEmpty();
    assertThatThrownBy(() -> tokens.revoke("short-lived", "root"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no token is named 'short-lived'");
  }

  @Test
  void ensureTokenRegistersAGivenTokenAndReplacesItUnderTheSameName() {
    String first = "sluice_dev-token-0123456789abcdefghijklmnop";
    String second = "sluice_dev-token-zyxwvutsrqponmlkjihgfedcba";

    tokens.ensureToken("dev-admin", first, Role.ADMIN, List.of("*"));
    tokens.ensureToken("dev-admin", first, Role.ADMIN, List.of("*"));
    assertThat(tokens.authenticate(first)).hasValueSatisfying(p -> {
      assertThat(p.role()).isEqualTo(Role.ADMIN);
      assertThat(p.may(Action.ADMINISTER, null)).isTrue();
    });

    tokens.ensureToken("dev-admin", second, Role.ADMIN, List.of("*"));

    assertThat(tokens.authenticate(first)).isEmpty();
    assertThat(tokens.authenticate(second)).isPresent();
    assertThatThrownBy(() -> tokens.ensureToken("other", second, Role.VIEWER, List.of("*")))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("registered already as 'dev-admin'");
    assertThatThrownBy(() -> tokens.ensureToken("weak", "sluice_123", Role.VIEWER, List.of("*")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32 characters")
        .hasMessageNotContaining("sluice_123");
  }

  @Test
  void namesAndNamespacesAreCheckedAndNamesAreUnique() {
    tokens.create("unique", Role.VIEWER, List.of("shop"), "root");

    assertThatThrownBy(() -> tokens.create("unique", Role.ADMIN, List.of("*"), "root"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("a token named 'unique' exists already");
    assertThatThrownBy(() -> tokens.create("bad name", Role.VIEWER, List.of("shop"), "root"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token name 'bad name' is not valid");
    assertThatThrownBy(() -> tokens.create("bad-ns", Role.VIEWER, List.of("Shop"), "root"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("namespace 'Shop' of token 'bad-ns' is not valid");
    assertThatThrownBy(() -> tokens.create("no-ns", Role.VIEWER, List.of(), "root"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one namespace");
  }

  @Test
  void tokenChangesAreAuditedWithoutTheToken() {
    IssuedToken issued = tokens.create("audited", Role.ADMIN, List.of("*"), "root");
    tokens.revoke("audited", "root");

    List<AuditEntry> entries = new AuditLog(jdbi).list(Optional.empty(), null, 1000).stream()
        .filter(e -> "audited".equals(e.name()))
        .toList();
    assertThat(entries).extracting(AuditEntry::action).containsExactly("token.revoke", "token.create");
    assertThat(entries.get(1).detail()).containsEntry("role", "admin");
    String everything = jdbi.withHandle(h -> h.createQuery(
        "select coalesce(string_agg(detail::text, ' '), '') from audit_log").mapTo(String.class).one());
    assertThat(everything).doesNotContain(issued.plaintext());
  }
}
