package dev.sluice.dataplane.pipeline;

/**
 * Names of the Kafka topics and groups Sluice creates for one stream. They are part of the
 * contract with users (the DLQ is browsed, the ingress topic may be produced to), so they never
 * change for a stream.
 */
public record StreamTopics(String namespace, String name) {

  /** Source connectors write here; the topology reads it. */
  public String ingress() {
    return "sluice.s." + namespace + "." + name + ".in";
  }

  /** The topology writes here when the output is a sink connector, which reads it. */
  public String egress() {
    return "sluice.s." + namespace + "." + name + ".out";
  }

  /** Records that the error policy dead-letters, with headers that say why. */
  public String deadLetter() {
    return "sluice.s." + namespace + "." + name + ".dlq";
  }

  /** Samples of what each processor hands on, for the live tap; kept for an hour. */
  public String tap() {
    return "sluice.s." + namespace + "." + name + ".tap";
  }

  /**
   * The records processor {@code index} of the pipeline reads, where the chain is cut around an
   * out-of-process stage: written by the part before, read by the part after, keyed and
   * partitioned like the stream's input so order per key holds across the hop.
   */
  public String processorInput(int index) {
    return "sluice.s." + namespace + "." + name + ".p" + index;
  }

  /** Consumer group of the out-of-process stage that starts at processor {@code index}. */
  public String stageGroup(int index) {
    return applicationId() + "-p" + index;
  }

  /** {@code application.id} of the stream's Kafka Streams app, shared by its instances. */
  public String applicationId() {
    return "sluice-" + namespace + "-" + name;
  }

  /** Consumer group of the stream's sink connector instances. */
  public String sinkGroup() {
    return applicationId() + "-sink";
  }
}
