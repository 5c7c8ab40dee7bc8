/**
 * The transactional outbox and its relay to Kafka: {@link dev.sluice.controlplane.outbox.Outbox}
 * (append inside a transaction, lag), {@link dev.sluice.controlplane.outbox.OutboxPublisher} (one
 * active relay per database, in order, idempotent producer) and {@link
 * dev.sluice.controlplane.outbox.ControlTopics} (the compacted topics it writes).
 */
package dev.sluice.controlplane.outbox;
