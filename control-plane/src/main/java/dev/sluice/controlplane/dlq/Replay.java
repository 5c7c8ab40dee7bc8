package dev.sluice.controlplane.dlq;

import java.time.Instant;

/**
 * One dead letter written back: from where in the dead-letter topic, to where, by whom, when.
 *
 * @param from its position in the dead-letter topic
 * @param topic the topic it was written to: the one the failed record was read from
 * @param partition the partition it was written to
 * @param offset the offset the copy got there
 * @param by the API token that replayed it
 * @param at when
 */
public record Replay(DlqPosition from, String topic, int partition, long offset, String by,
    Instant at) {}
