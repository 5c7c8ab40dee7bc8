/**
 * Reading stream documents: YAML (or JSON, which is YAML) in, validated {@link
 * dev.sluice.api.definition.StreamDefinition}s out, with every problem reported at once, each with
 * its path, value, message, line and column.
 *
 * <p>Entry point: {@link dev.sluice.definitions.DefinitionReader}. Component configs are checked
 * against the specs in a {@link dev.sluice.definitions.ComponentCatalog}.
 */
package dev.sluice.definitions;
