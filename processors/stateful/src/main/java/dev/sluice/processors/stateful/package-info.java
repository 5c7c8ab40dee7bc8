/**
 * The stateful processors {@code window}, {@code dedupe} and {@code join}: their config specs and
 * checks. The worker's engine runs them on Kafka Streams state stores, so unlike other processors
 * they have no instances of their own; this module lets validation, the catalogue and the docs
 * know them without the engine.
 */
package dev.sluice.processors.stateful;
