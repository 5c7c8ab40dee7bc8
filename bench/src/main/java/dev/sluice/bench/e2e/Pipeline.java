package dev.sluice.bench.e2e;

import java.util.Optional;

/**
 * One running instance of a benchmarked pipeline, reading an input topic from its beginning and
 * writing the filtered, mapped records to an output topic until closed.
 */
interface Pipeline extends AutoCloseable {

  /** Starts processing in the background; returns at once. */
  void start() throws Exception;

  /** Why the pipeline stopped on its own, if it did; polled while the harness waits. */
  Optional<String> failure();

  /** Stops processing and commits what was processed. */
  @Override
  void close();
}
