package dev.sluice.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets of a {@code sluice dev} installation (admin token, worker join token, secret
 * encryption key): made once, kept in files only their owner can read, the same on every later
 * start.
 */
final class DevSecrets {

  private static final int BYTES = 32;

  private DevSecrets() {}

  /** The token in {@code file}, creating the file with a new random token when missing. */
  static String loadOrCreate(Path file) {
    return loadOrCreate(file, "sluice_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random()));
  }

  /** The base64 AES-256 key in {@code file}, creating it when missing. */
  static String loadOrCreateKey(Path file) {
    return loadOrCreate(file, Base64.getEncoder().encodeToString(random()));
  }

  private static String loadOrCreate(Path file, String fresh) {
    try {
      if (Files.exists(file)) {
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!value.isEmpty()) {
          return value;
        }
      }
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, fresh + "\n", StandardCharsets.UTF_8);
      return fresh;
    } catch (IOException e) {
      throw new UserError("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] random() {
    byte[] bytes = new byte[BYTES];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
