package dev.sluice.controlplane.dlq;

/**
 * The offsets one partition of a dead-letter topic holds now: from {@code start} (the oldest
 * kept) to before {@code end} (the next to be written); empty when they are equal. Offsets in
 * between may be missing (transaction markers, records of aborted transactions).
 */
public record PartitionRange(int partition, long start, long end) {}
