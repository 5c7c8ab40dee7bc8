/**
 * The {@code kafka} input and output. On the cluster Sluice runs on, the stream's topology reads
 * and writes the topics itself and only the descriptors here are used; with {@code bootstrap},
 * {@link dev.sluice.connectors.kafka.KafkaInputProvider} and {@link
 * dev.sluice.connectors.kafka.KafkaOutputProvider} create a source and a sink connector for that
 * external cluster. TLS and SASL come from typed fields only: Sluice writes the JAAS line itself,
 * passes on an allow-list of tuning properties, and sets Kafka's JVM-wide login-module guard.
 */
package dev.sluice.connectors.kafka;
