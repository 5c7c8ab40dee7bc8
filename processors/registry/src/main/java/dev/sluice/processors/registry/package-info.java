/**
 * Processors that speak a schema registry's wire format, backed by Apicurio Registry 3 and
 * Apicurio's own Kafka serdes: {@code schema_registry_decode} (registry-framed Avro bytes to
 * JSON-like values) and {@code schema_registry_encode} (JSON-like values to registry-framed Avro
 * bytes, with a schema from the registry). Shipped as the {@code registry} plugin, so Avro, the
 * registry client and Vert.x stay inside its class loader.
 */
package dev.sluice.processors.registry;
