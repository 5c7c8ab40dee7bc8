/** Outputs for trying streams out: {@code log} prints records, {@code drop} discards them. */
package dev.sluice.connectors.dev;
