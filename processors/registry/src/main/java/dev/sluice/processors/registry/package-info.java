/**
 * Processors that speak a schema registry's wire formats, backed by Apicurio Registry 3 and
 * Apicurio's own Kafka serdes for Avro, JSON Schema and Protobuf: {@code schema_registry_decode}
 * (registry-framed bytes to JSON-like values) and {@code schema_registry_encode} (JSON-like values
 * to registry-framed bytes, with a schema from the registry). Shipped as the {@code registry}
 * plugin, so Avro, Protobuf, the JSON Schema validator (1.x, which Apicurio's serde needs), the
 * registry client and Vert.x stay inside its class loader.
 */
package dev.sluice.processors.registry;
