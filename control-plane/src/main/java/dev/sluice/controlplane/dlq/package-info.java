/**
 * A stream's dead-letter topic as the REST API shows it: dead letters listed page by page with the
 * headers that say why they failed ({@link dev.sluice.controlplane.dlq.DeadLetterService#list}),
 * and replayed into the topic they were read from, each at most once ({@link
 * dev.sluice.controlplane.dlq.DeadLetterService#replay}), with the replays recorded in Postgres.
 */
package dev.sluice.controlplane.dlq;
