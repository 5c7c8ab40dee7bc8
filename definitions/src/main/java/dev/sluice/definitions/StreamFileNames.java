package dev.sluice.definitions;

/**
 * Which files in a directory of stream documents are what: every {@code *.yaml} and {@code *.yml}
 * file holds streams, except test files ({@code *.test.yaml}, {@code *.test.yml}), which sit next
 * to the streams they test and are read by {@code sluice test} only. One rule for {@code lint},
 * {@code apply}, {@code dev} and git sync.
 */
public final class StreamFileNames {

  private StreamFileNames() {}

  /** Whether the file called {@code name} (a path or a bare name) holds stream documents. */
  public static boolean isStreamFile(String name) {
    return isYaml(name) && !isTestFile(name);
  }

  /** Whether the file called {@code name} holds stream tests. */
  public static boolean isTestFile(String name) {
    return name.endsWith(".test.yaml") || name.endsWith(".test.yml");
  }

  private static boolean isYaml(String name) {
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }
}
