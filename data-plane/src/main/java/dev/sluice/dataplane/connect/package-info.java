/**
 * Running connectors against Kafka: a {@link dev.sluice.dataplane.connect.SourceRunner} moves a
 * source's records into the stream's ingress topic and keeps its position in {@code
 * sluice.offsets}; a {@link dev.sluice.dataplane.connect.SinkRunner} delivers the egress topic to a
 * sink and commits only what the sink confirmed.
 */
package dev.sluice.dataplane.connect;
