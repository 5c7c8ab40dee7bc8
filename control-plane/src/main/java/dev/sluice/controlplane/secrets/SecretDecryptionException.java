package dev.sluice.controlplane.secrets;

/**
 * A stored secret could not be decrypted, usually because the configured key is not the one it was
 * written with. The message names the secret, never its value.
 */
public final class SecretDecryptionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  SecretDecryptionException(String message) {
    super(message);
  }
}
