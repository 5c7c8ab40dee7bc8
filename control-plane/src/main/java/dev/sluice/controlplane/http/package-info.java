/**
 * The REST API under {@code /api/v1} (Javalin): streams, validation, workers, plugins, secrets,
 * audit; health, readiness and Prometheus metrics. Errors are {@code application/problem+json}
 * (RFC 9457) with a {@code problems} array for validation.
 */
package dev.sluice.controlplane.http;
