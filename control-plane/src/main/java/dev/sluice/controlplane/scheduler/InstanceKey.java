package dev.sluice.controlplane.scheduler;

import java.util.Comparator;

/**
 * Identifies one instance of a stream; a stream with parallelism {@code n} has instances {@code
 * 0..n-1}.
 *
 * @param stream the stream
 * @param instance the instance index, from 0
 */
public record InstanceKey(StreamKey stream, int instance) implements Comparable<InstanceKey> {

  private static final Comparator<InstanceKey> ORDER =
      Comparator.comparing(InstanceKey::stream).thenComparingInt(InstanceKey::instance);

  /** Orders by stream, then instance. */
  @Override
  public int compareTo(InstanceKey other) {
    return ORDER.compare(this, other);
  }

  /** The key of this instance in {@code sluice.assignments}: {@code namespace/name/instance}. */
  @Override
  public String toString() {
    return stream + "/" + instance;
  }
}
