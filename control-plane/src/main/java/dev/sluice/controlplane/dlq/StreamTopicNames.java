package dev.sluice.controlplane.dlq;

/**
 * The Kafka topics Sluice keeps for one stream. The data plane's {@code StreamTopics} names them
 * first; the control plane must not depend on the data plane, so the names are repeated here. They
 * are part of the contract with users and never change.
 */
record StreamTopicNames(String namespace, String name) {

  /** Source connectors write here; the topology reads it. */
  String ingress() {
    return "sluice.s." + namespace + "." + name + ".in";
  }

  /** The topology writes here when the output is a sink connector, which reads it. */
  String egress() {
    return "sluice.s." + namespace + "." + name + ".out";
  }

  /** Records the error policy dead-lettered. */
  String deadLetter() {
    return "sluice.s." + namespace + "." + name + ".dlq";
  }
}
