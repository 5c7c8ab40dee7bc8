package dev.sluice.controlplane.scheduler;

/**
 * A stream that should run: active and valid, with the revision and parallelism to run.
 *
 * @param key the stream
 * @param revision the stream's current revision
 * @param parallelism how many instances it runs ({@code spec.parallelism})
 */
record DesiredStream(StreamKey key, long revision, int parallelism) {}
