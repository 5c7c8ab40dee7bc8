/** The {@code generate} input: synthetic records for trying out and testing streams. */
package dev.sluice.connectors.generate;
