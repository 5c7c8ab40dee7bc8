package dev.sluice.connectors.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A stream's ingest token, checked against {@code Authorization: Bearer <token>} headers in
 * constant time: both sides are hashed first, so neither the content nor the length of the token
 * shows in how long a refusal takes. Immutable and thread-safe.
 */
final class BearerToken {

  private static final String PREFIX = "Bearer ";

  private final byte[] digest;

  BearerToken(String token) {
    this.digest = sha256(token);
  }

  /** Whether {@code authorization}, the header's value or null, carries this token. */
  boolean matches(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(authorization.substring(PREFIX.length()).trim()));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
