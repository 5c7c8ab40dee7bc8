/**
 * Inputs and outputs for trying streams out: {@code file} reads and appends newline-delimited
 * JSON (within the worker's {@code file.root} directory), {@code stdout} prints records, {@code
 * log} logs them, {@code drop} discards them.
 */
package dev.sluice.connectors.dev;
