package dev.sluice.controlplane.scheduler;

/**
 * A worker whose lease has not lapsed, as the scheduler sees it.
 *
 * @param id the worker id
 * @param capacity how many instances it accepts; 0 or less means no limit
 */
record LiveWorker(String id, int capacity) {

  /** Whether the worker accepts one more instance when it already runs {@code running}. */
  boolean hasRoomFor(int running) {
    return capacity <= 0 || running < capacity;
  }
}
