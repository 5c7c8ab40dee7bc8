/**
 * The control plane: the only writer of stream definitions. {@link
 * dev.sluice.controlplane.ControlPlane} assembles the parts: the Postgres store, the outbox
 * publisher that projects it onto compacted Kafka topics, the scheduler, the worker registry
 * (gRPC) and the REST API.
 */
package dev.sluice.controlplane;
