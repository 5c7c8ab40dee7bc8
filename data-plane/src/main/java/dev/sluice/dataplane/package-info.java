/**
 * The data plane: a worker runs each assigned stream instance as an optional source connector, a
 * Kafka Streams topology of the stream's processors, and an optional sink connector.
 *
 * <ul>
 *   <li>{@link dev.sluice.dataplane.pipeline}: the topology of one stream, its record codecs and
 *       error policy;
 *   <li>{@link dev.sluice.dataplane.connect}: running source and sink connectors against Kafka,
 *       with positions in {@code sluice.offsets};
 *   <li>{@link dev.sluice.dataplane.worker}: registration, heartbeats, assignments and convergence.
 * </ul>
 */
package dev.sluice.dataplane;
