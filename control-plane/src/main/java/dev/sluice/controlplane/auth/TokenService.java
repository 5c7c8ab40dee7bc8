package dev.sluice.controlplane.auth;

import dev.sluice.controlplane.audit.AuditLog;
import dev.sluice.controlplane.store.ConflictException;
import dev.sluice.controlplane.store.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API tokens: {@code sluice_} followed by 32 random bytes in base64url. Only their SHA-256 hash is
 * stored, so a database dump reveals no usable token. A request's token is hashed and looked up by
 * hash; the stored hash is then compared with {@link MessageDigest#isEqual}, which takes the same
 * time wherever the bytes differ. Thread-safe.
 */
public final class TokenService {

  private static final Logger log = LoggerFactory.getLogger(TokenService.class);

  /** The prefix of every token Sluice issues, so that secret scanners can recognise them. */
  public static final String PREFIX = "sluice_";

  private static final int RANDOM_BYTES = 32;
  private static final int MIN_PLAINTEXT_LENGTH = 32;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final String SYSTEM_ACTOR = "system";

  private final Jdbi jdbi;
  private final SecureRandom random = new SecureRandom();

  public TokenService(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Creates a token and returns its plaintext, which is not stored.
   *
   * @param namespaces the namespaces it may act in, or {@code ["*"]} for all
   * @throws IllegalArgumentException when the name or a namespace is not valid
   * @throws ConflictException when a token of that name exists
   */
  public IssuedToken create(String name, Role role, List<String> namespaces, String actor) {
    List<String> scope = checked(name, namespaces);
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    String plaintext = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String id = UUID.randomUUID().toString();
    jdbi.useTransaction(h -> {
      int inserted = h.createUpdate("insert into api_tokens (id, name, token_hash, role, namespaces) "
              + "values (:id, :name, :hash, :role, cast(:namespaces as text[])) on conflict (name) do nothing")
          .bind("id", id)
          .bind("name", name)
          .bind("hash", sha256(plaintext))
          .bind("role", role.word())
          .bind("namespaces", scope.toArray(String[]::new))
          .execute();
      if (inserted == 0) {
        throw new ConflictException("a token named '" + name + "' exists already; revoke it first or "
            + "choose another name");
      }
      audit(h, actor, "token.create", name, role, scope);
    });
    log.info("Token {} created ({}, namespaces {}) by {}", name, role.word(), scope, actor);
    return new IssuedToken(id, name, plaintext, role, scope);
  }

  /**
   * Makes {@code plaintext} a valid token named {@code name}, creating or replacing that token: for
   * {@code sluice dev}, which writes its admin token to a file before the control plane starts.
   *
   * @param plaintext at least 32 characters, such as a token from {@link #create}
   * @throws IllegalArgumentException when the name, a namespace or the plaintext is not valid
   * @throws ConflictException when the same plaintext is registered under another name
   */
  public void ensureToken(String name, String plaintext, Role role, List<String> namespaces) {
    List<String> scope = checked(name, namespaces);
    if (plaintext == null || plaintext.length() < MIN_PLAINTEXT_LENGTH) {
      throw new IllegalArgumentException("the token for '" + name + "' must have at least "
          + MIN_PLAINTEXT_LENGTH + " characters; use a long random value, such as a token this service created");
    }
    byte[] hash = sha256(plaintext);
    jdbi.useTransaction(h -> {
      Optional<String> owner = h.createQuery("select name from api_tokens where token_hash = :hash")
          .bind("hash", hash)
          .mapTo(String.class)
          .findOne();
      if (owner.isPresent() && !owner.get().equals(name)) {
        throw new ConflictException("this token is registered already as '" + owner.get()
            + "'; revoke that one or use another token for '" + name + "'");
      }
      h.createUpdate("insert into api_tokens (id, name, token_hash, role, namespaces) "
              + "values (:id, :name, :hash, :role, cast(:namespaces as text[])) on conflict (name) do update "
              + "set token_hash = excluded.token_hash, role = excluded.role, namespaces = excluded.namespaces")
          .bind("id", UUID.randomUUID().toString())
          .bind("name", name)
          .bind("hash", hash)
          .bind("role", role.word())
          .bind("namespaces", scope.toArray(String[]::new))
          .execute();
      audit(h, SYSTEM_ACTOR, "token.ensure", name, role, scope);
    });
  }

  /**
   * The principal a bearer token stands for; empty for a missing, malformed, unknown or revoked
   * token. Records when the token was last used (at most once a minute per token).
   *
   * @param bearer the token as sent after {@code Bearer }, or {@code null}
   */
  public Optional<Principal> authenticate(String bearer) {
    if (bearer == null || bearer.isBlank()) {
      return Optional.empty();
    }
    byte[] hash = sha256(bearer.strip());
    return jdbi.withHandle(h -> {
      Optional<StoredToken> token = h.createQuery("select id, name, token_hash, role, namespaces "
              + "from api_tokens where token_hash = :hash")
          .bind("hash", hash)
          .map(TokenService::storedToken)
          .findOne()
          .filter(t -> MessageDigest.isEqual(t.hash(), hash));
      token.ifPresent(t -> h.createUpdate("update api_tokens set last_used_at = now() where id = :id "
              + "and (last_used_at is null or last_used_at < now() - interval '1 minute')")
          .bind("id", t.id())
          .execute());
      return token.map(t -> new Principal(t.name(), t.role(), t.namespaces()));
    });
  }

  /** Every token, by name, without the tokens themselves. */
  public List<TokenInfo> list() {
    return jdbi.withHandle(h -> h.createQuery("select id, name, role, namespaces, created_at, last_used_at "
            + "from api_tokens order by name")
        .map((row, ctx) -> new TokenInfo(row.getString("id"), row.getString("name"),
            Role.fromWord(row.getString("role")), namespaces(row), instant(row, "created_at"),
            instant(row, "last_used_at")))
        .list());
  }

  /**
   * Deletes a token; requests that carry it are refused from then on.
   *
   * @throws NotFoundException when no token has this name
   */
  public void revoke(String name, String actor) {
    jdbi.useTransaction(h -> {
      Optional<StoredToken> token = h.createQuery("delete from api_tokens where name = :name "
              + "returning id, name, token_hash, role, namespaces")
          .bind("name", name)
          .map(TokenService::storedToken)
          .findOne();
      StoredToken revoked = token.orElseThrow(() -> new NotFoundException(
          "no token is named '" + name + "'; list the tokens to see their names"));
      audit(h, actor, "token.revoke", name, revoked.role(), revoked.namespaces());
    });
    log.info("Token {} revoked by {}", name, actor);
  }

  private record StoredToken(String id, String name, byte[] hash, Role role, List<String> namespaces) {}

  private static StoredToken storedToken(ResultSet row, StatementContext context) throws SQLException {
    return new StoredToken(row.getString("id"), row.getString("name"), row.getBytes("token_hash"),
        Role.fromWord(row.getString("role")), namespaces(row));
  }

  private static List<String> namespaces(ResultSet row) throws SQLException {
    return List.of((String[]) row.getArray("namespaces").getArray());
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }

  private static void audit(Handle h, String actor, String action, String name, Role role,
      List<String> namespaces) {
    AuditLog.record(h, actor, action, null, name, Map.of("role", role.word(), "namespaces", namespaces));
  }

  /** Checks the name and namespaces; returns the namespaces, reduced to {@code ["*"]} if present. */
  private static List<String> checked(String name, List<String> namespaces) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("token name '" + name + "' is not valid: use up to 63 letters, "
          + "digits, '.', '_' and '-', starting with a letter or digit (for example ci-deploy)");
    }
    if (namespaces.isEmpty()) {
      throw new IllegalArgumentException("token '" + name + "' needs at least one namespace, or '*' for all");
    }
    if (namespaces.contains(Principal.ALL_NAMESPACES)) {
      return List.of(Principal.ALL_NAMESPACES);
    }
    for (String namespace : namespaces) {
      if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
        throw new IllegalArgumentException("namespace '" + namespace + "' of token '" + name + "' is not "
            + "valid: use a DNS label such as shop, or '*' for all namespaces");
      }
    }
    return namespaces.stream().distinct().sorted().toList();
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
