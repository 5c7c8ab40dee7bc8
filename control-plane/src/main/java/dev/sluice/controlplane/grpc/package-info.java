/**
 * The worker registry over gRPC: workers {@code Register}, {@code Heartbeat} to keep their lease
 * and {@code ReportStatus} of their stream instances (service {@code sluice.v1.WorkerRegistry}).
 *
 * <p>{@link dev.sluice.controlplane.grpc.RegistryServer} serves it on a port, optionally over TLS
 * or mutual TLS, behind {@link dev.sluice.controlplane.grpc.JoinTokenInterceptor}. Leases and
 * reports live in Postgres ({@code workers}, {@code instance_status}); the scheduler reads them.
 */
package dev.sluice.controlplane.grpc;
