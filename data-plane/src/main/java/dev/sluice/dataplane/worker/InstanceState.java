package dev.sluice.dataplane.worker;

/** Where a stream instance is in its life on this worker. */
public enum InstanceState {
  STARTING,
  RUNNING,
  COMPLETED,
  FAILED,
  STOPPED
}
