package dev.sluice.controlplane.scheduler;

import java.util.Comparator;

/**
 * Identifies a stream: its namespace and name.
 *
 * @param namespace the stream's namespace
 * @param name the stream's name, unique in its namespace
 */
public record StreamKey(String namespace, String name) implements Comparable<StreamKey> {

  private static final Comparator<StreamKey> ORDER =
      Comparator.comparing(StreamKey::namespace).thenComparing(StreamKey::name);

  /** Orders by namespace, then name. */
  @Override
  public int compareTo(StreamKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
