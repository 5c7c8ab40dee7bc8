/** The {@code kafka} input and output. */
package dev.sluice.connectors.kafka;
