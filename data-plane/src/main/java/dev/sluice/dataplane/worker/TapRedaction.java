package dev.sluice.dataplane.worker;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.sluice.definitions.SecretReferences;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Hides secrets in the samples the live tap shows: every occurrence of one of the stream's secret
 * values, as written or escaped inside a JSON string, becomes its reference {@code
 * ${secret:NAME}}, and the values of credential headers (such as {@code Authorization}) become
 * {@value #HIDDEN}. Works on any bytes, text or not. Thread-safe.
 */
final class TapRedaction {

  static final String HIDDEN = "***";
  private static final Set<String> CREDENTIAL_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key");

  /** A byte sequence to hide and what shows instead, both as ISO-8859-1 text (one char per byte). */
  private record Replacement(String secret, String reference) {}

  private final List<Replacement> replacements = new ArrayList<>();

  /** @param secretValues the values of the stream's secrets, by name */
  TapRedaction(Map<String, String> secretValues) {
    secretValues.forEach((name, value) -> {
      if (!value.isEmpty()) {
        String reference = latin1(SecretReferences.reference(name).getBytes(StandardCharsets.UTF_8));
        replacements.add(new Replacement(latin1(value.getBytes(StandardCharsets.UTF_8)), reference));
        replacements.add(new Replacement(latin1(JsonStringEncoder.getInstance().quoteAsUTF8(value)), reference));
      }
    });
    // A secret that contains another is hidden whole.
    replacements.sort(Comparator.comparingInt((Replacement r) -> r.secret().length()).reversed());
  }

  /** {@code bytes} with every secret value hidden; {@code null} stays {@code null}. */
  byte[] hide(byte[] bytes) {
    if (bytes == null || replacements.isEmpty()) {
      return bytes;
    }
    String text = latin1(bytes);
    for (Replacement r : replacements) {
      text = text.replace(r.secret(), r.reference());
    }
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The value of header {@code name} as the tap may show it. */
  byte[] header(String name, byte[] value) {
    return CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? HIDDEN.getBytes(StandardCharsets.UTF_8)
        : hide(value);
  }

  private static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
