package dev.sluice.dataplane.worker;

/** One instance of a stream: {@code namespace/name/instance}, the key of its assignment. */
public record InstanceId(String namespace, String name, int instance) {

  /** Parses {@code namespace/name/instance}. */
  public static InstanceId parse(String key) {
    String[] parts = key.split("/");
    if (parts.length != 3) {
      throw new IllegalArgumentException("not an instance key: " + key);
    }
    return new InstanceId(parts[0], parts[1], Integer.parseInt(parts[2]));
  }

  /** {@code namespace/name}, the key of the stream. */
  public String stream() {
    return namespace + "/" + name;
  }

  @Override
  public String toString() {
    return stream() + "/" + instance;
  }
}
