package dev.sluice.controlplane.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secret values: a fresh random 12-byte nonce per encryption, a 128-bit tag, and
 * the secret's {@code namespace/name} as additional authenticated data, so a ciphertext copied to
 * another secret's row does not decrypt. The key never touches the database. Thread-safe.
 */
public final class SecretCipher {

  /** The environment variable that holds the key, base64-encoded, in deployments. */
  public static final String KEY_VARIABLE = "SLUICE_SECRET_KEY";

  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  /** A value as stored: the nonce and the ciphertext with its tag. */
  record Sealed(byte[] nonce, byte[] ciphertext) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  private SecretCipher(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /**
   * The cipher for a key given in base64 (standard or URL-safe alphabet), as in {@value
   * #KEY_VARIABLE}.
   *
   * @throws IllegalArgumentException when the text is not base64 or not 32 bytes; the message never
   *     repeats the key
   */
  public static SecretCipher fromBase64(String base64Key) {
    String fix = "; set " + KEY_VARIABLE + " to 32 random bytes in base64, such as the output of "
        + "'openssl rand -base64 32'";
    if (base64Key == null || base64Key.isBlank()) {
      throw new IllegalArgumentException("no secret key is configured" + fix);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64Key.strip().replace('-', '+').replace('_', '/'));
    } catch (IllegalArgumentException e) {
      // The decoder's message quotes a character of the key: leave it out.
      throw new IllegalArgumentException("the secret key is not valid base64" + fix);
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("the secret key has " + key.length + " bytes, not " + KEY_BYTES + fix);
    }
    return new SecretCipher(key);
  }

  /** A new random key in base64, for a first start such as {@code sluice dev}'s. */
  public static String newKeyBase64() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  Sealed seal(byte[] plaintext, String associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, associatedData);
      return new Sealed(nonce, cipher.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * @throws SecretDecryptionException when the key or the associated data differ from those used
   *     to seal, or the stored bytes were altered
   */
  byte[] open(Sealed sealed, String associatedData) {
    try {
      return cipher(Cipher.DECRYPT_MODE, sealed.nonce(), associatedData).doFinal(sealed.ciphertext());
    } catch (AEADBadTagException e) {
      throw new SecretDecryptionException("secret " + associatedData + " cannot be decrypted with the "
          + "configured key: " + KEY_VARIABLE + " differs from the key it was written with, or the row "
          + "was altered; restore that key, or write the secret again");
    } catch (GeneralSecurityException e) {
      throw new SecretDecryptionException("secret " + associatedData + " cannot be decrypted: "
          + e.getClass().getSimpleName());
    }
  }

  private Cipher cipher(int mode, byte[] nonce, String associatedData) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
