/**
 * One stream as a Kafka Streams topology: {@code source -> stages -> sink}, where one processor
 * node runs the stages {@code decode -> processors -> encode} on each record, with a dead-letter
 * sink reachable from every stage.
 */
package dev.sluice.dataplane.pipeline;
