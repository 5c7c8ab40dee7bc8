/**
 * Processors that reshape or check records without an expression of their own: {@code split}
 * (one record per element of an array) and {@code json_schema} (validation against a JSON
 * Schema).
 */
package dev.sluice.processors.transform;
