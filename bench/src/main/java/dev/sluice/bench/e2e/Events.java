package dev.sluice.bench.e2e;

import java.nio.charset.StandardCharsets;

/**
 * The benchmark's input: deterministic page events of about 200 bytes of JSON, one in four of them
 * a {@code view} that every pipeline filters out. Event {@code seq} is the same in every input
 * topic, so the three pipelines must write the same output multiset.
 */
final class Events {

  private static final String[] TYPES = {"view", "click", "purchase", "signup"};
  private static final int USERS = 10_000;

  private Events() {}

  /** The key of event {@code seq}: its user, plain text as most producers write keys. */
  static byte[] key(long seq) {
    return user(seq).getBytes(StandardCharsets.UTF_8);
  }

  /** Event {@code seq} as JSON, stamped {@code ts} (epoch millis, when it was produced). */
  static byte[] value(long seq, long ts) {
    String json = "{\"seq\":" + seq
        + ",\"type\":\"" + TYPES[(int) (seq % TYPES.length)]
        + "\",\"user\":\"" + user(seq)
        + "\",\"amount\":" + ((seq * 37) % 100_000 + 1)
        + ",\"ts\":" + ts
        + ",\"page\":\"/products/" + (seq % 997)
        + "\",\"session\":\"s-" + Long.toHexString(seq * 2_654_435_761L & 0xffffffL)
        + "\",\"agent\":\"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 bench/1.0\"}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** How many of the first {@code count} events survive the filter. */
  static long kept(long count) {
    return count - (count + TYPES.length - 1) / TYPES.length;
  }

  private static String user(long seq) {
    return "u-" + (seq * 7_919 % USERS);
  }
}
