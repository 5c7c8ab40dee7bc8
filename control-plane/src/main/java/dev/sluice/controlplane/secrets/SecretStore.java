package dev.sluice.controlplane.secrets;

import dev.sluice.controlplane.audit.AuditLog;
import dev.sluice.controlplane.secrets.SecretCipher.Sealed;
import dev.sluice.controlplane.store.NotFoundException;
import dev.sluice.definitions.SecretReferences;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secret values per namespace, encrypted at rest with {@link SecretCipher}. Values go in and, for
 * the workers only, come out through {@link #reveal}; the API lists names alone. No value is ever
 * logged, put in an exception or written to the audit log (which records only that a secret was
 * written or deleted). Thread-safe.
 */
public final class SecretStore {

  private static final Logger log = LoggerFactory.getLogger(SecretStore.class);

  /** The largest value accepted, in UTF-8 bytes. */
  public static final int MAX_VALUE_BYTES = 64 * 1024;

  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private final Jdbi jdbi;
  private final SecretCipher cipher;

  public SecretStore(Jdbi jdbi, SecretCipher cipher) {
    this.jdbi = jdbi;
    this.cipher = cipher;
  }

  /**
   * Creates or replaces a secret.
   *
   * @throws IllegalArgumentException when the namespace or name is not valid or the value is
   *     missing or too large (the message does not include the value)
   */
  public void put(String namespace, String name, String value, String actor) {
    String id = checkedId(namespace, name);
    if (value == null) {
      throw new IllegalArgumentException("secret " + id + " needs a value");
    }
    byte[] plaintext = value.getBytes(StandardCharsets.UTF_8);
    if (plaintext.length > MAX_VALUE_BYTES) {
      throw new IllegalArgumentException("the value of secret " + id + " has " + plaintext.length
          + " bytes; at most " + MAX_VALUE_BYTES + " are accepted");
    }
    Sealed sealed = cipher.seal(plaintext, id);
    Arrays.fill(plaintext, (byte) 0);
    boolean created = jdbi.inTransaction(h -> {
      boolean inserted = h.createQuery("insert into secrets (namespace, name, nonce, ciphertext) "
              + "values (:namespace, :name, :nonce, :ciphertext) on conflict (namespace, name) do update "
              + "set nonce = excluded.nonce, ciphertext = excluded.ciphertext, updated_at = now() "
              + "returning (xmax = 0) as inserted")
          .bind("namespace", namespace)
          .bind("name", name)
          .bind("nonce", sealed.nonce())
          .bind("ciphertext", sealed.ciphertext())
          .mapTo(Boolean.class)
          .one();
      AuditLog.record(h, actor, "secret.put", namespace, name, Map.of("created", inserted));
      return inserted;
    });
    log.info("Secret {} {} by {}", id, created ? "created" : "replaced", actor);
  }

  /** The names of the secrets in {@code namespace}, sorted. */
  public List<String> names(String namespace) {
    return jdbi.withHandle(h -> h.createQuery("select name from secrets where namespace = :namespace "
            + "order by name")
        .bind("namespace", namespace)
        .mapTo(String.class)
        .list());
  }

  /**
   * Deletes a secret.
   *
   * @throws NotFoundException when it does not exist
   */
  public void delete(String namespace, String name, String actor) {
    String id = namespace + "/" + name;
    jdbi.useTransaction(h -> {
      int deleted = h.createUpdate("delete from secrets where namespace = :namespace and name = :name")
          .bind("namespace", namespace)
          .bind("name", name)
          .execute();
      if (deleted == 0) {
        throw new NotFoundException("secret " + id + " does not exist; list the secret names of "
            + "namespace " + namespace + " to see what there is");
      }
      AuditLog.record(h, actor, "secret.delete", namespace, name, Map.of());
    });
    log.info("Secret {} deleted by {}", id, actor);
  }

  /**
   * The decrypted value, for the control plane's own use (handing it to the worker that runs a
   * stream); never return it from the API.
   *
   * @throws SecretDecryptionException when the configured key is not the one it was written with
   */
  public Optional<String> reveal(String namespace, String name) {
    String id = namespace + "/" + name;
    return jdbi.withHandle(h -> h.createQuery("select nonce, ciphertext from secrets "
            + "where namespace = :namespace and name = :name")
        .bind("namespace", namespace)
        .bind("name", name)
        .map((row, ctx) -> new Sealed(row.getBytes("nonce"), row.getBytes("ciphertext")))
        .findOne())
        .map(sealed -> new String(cipher.open(sealed, id), StandardCharsets.UTF_8));
  }

  private static String checkedId(String namespace, String name) {
    if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException("namespace '" + namespace + "' is not valid: use a DNS label "
          + "such as shop");
    }
    if (!SecretReferences.validName(name)) {
      throw new IllegalArgumentException("secret name '" + name + "' is not valid: use letters, digits, "
          + "'-', '_' and '.', starting and ending with a letter or digit (for example db-password)");
    }
    return namespace + "/" + name;
  }
}
