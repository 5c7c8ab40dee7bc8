/**
 * The processors the worker's engine runs itself: the stateful {@code window}, {@code dedupe} and
 * {@code join} on Kafka Streams state stores, and {@code plugin}, an out-of-process processor run
 * as a stage between two topics. Their config specs and checks live here; unlike other processors
 * they have no instances of their own, and this module lets validation, the catalogue and the
 * docs know them without the engine.
 */
package dev.sluice.processors.stateful;
