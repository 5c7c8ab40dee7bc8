package dev.sluice.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin API token of a {@code sluice dev} installation: made once, kept in a file only its
 * owner can read, and the same on every later start.
 */
final class AdminToken {

  private static final int BYTES = 32;

  private AdminToken() {}

  /** The token in {@code file}, creating the file with a new random token when missing. */
  static String loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!token.isEmpty()) {
          return token;
        }
      }
      byte[] random = new byte[BYTES];
      new SecureRandom().nextBytes(random);
      String token = "sluice_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
      return token;
    } catch (IOException e) {
      throw new UserError("cannot write the admin token to " + file + ": " + e.getMessage(), e);
    }
  }
}
