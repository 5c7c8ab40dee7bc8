package dev.sluice.connectors.jdbc;

/** Values quoted in messages, cut to a readable length: records can hold megabytes of text. */
final class Excerpt {

  private static final int MAX = 100;

  private Excerpt() {}

  /** {@code text}, or its first characters and an ellipsis when it is long. */
  static String of(String text) {
    if (text == null) {
      return "null";
    }
    return text.length() <= MAX ? text : text.substring(0, MAX - 3) + "...";
  }
}
