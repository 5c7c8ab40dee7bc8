/**
 * The worker process: registration and heartbeats with the control plane, the view of the
 * compacted control topics, and convergence of running stream instances to the assignments.
 */
package dev.sluice.dataplane.worker;
