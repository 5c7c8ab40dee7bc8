package dev.sluice.connectors.kafka;

import java.util.Arrays;

/**
 * The SASL mechanisms the typed {@code sasl} fields offer, each with the one login module it
 * uses. Sluice writes the JAAS line itself ({@link #jaasConfig}), so no other login module can
 * be named by a stream.
 */
enum SaslMechanism {
  PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule"),
  SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
  SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

  private final String word;
  private final String loginModule;

  SaslMechanism(String word, String loginModule) {
    this.word = word;
    this.loginModule = loginModule;
  }

  /** The mechanism a validated config names, such as {@code SCRAM-SHA-256}. */
  static SaslMechanism of(String word) {
    return Arrays.stream(values()).filter(m -> m.word.equals(word)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown SASL mechanism " + word));
  }

  /** The words users write, for the spec's choices. */
  static String[] words() {
    return Arrays.stream(values()).map(m -> m.word).toArray(String[]::new);
  }

  /** Kafka's name, the value of {@code sasl.mechanism}. */
  String word() {
    return word;
  }

  /** The login module's class name. */
  String loginModule() {
    return loginModule;
  }

  /**
   * The {@code sasl.jaas.config} line for these credentials, such as {@code
   * org.apache.kafka.common.security.plain.PlainLoginModule required username="a"
   * password="b";}. Both values are quoted and escaped for Kafka's JAAS parser (a {@link
   * java.io.StreamTokenizer}): backslash and double quote get a backslash, line breaks and other
   * control characters their escape, so no value can end its quotes and add options or modules.
   */
  String jaasConfig(String username, String password) {
    return loginModule + " required username=" + quoted(username) + " password="
        + quoted(password) + ";";
  }

  static String quoted(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\%03o", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
