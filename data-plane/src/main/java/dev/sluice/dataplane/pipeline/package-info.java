/**
 * One stream as a Kafka Streams topology: {@code source -> decode -> processors -> encode ->
 * sink}, with a dead-letter sink reachable from every stage.
 */
package dev.sluice.dataplane.pipeline;
