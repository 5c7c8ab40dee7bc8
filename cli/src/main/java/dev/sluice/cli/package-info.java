/** The {@code sluice} command line: one picocli command per sub-command. */
package dev.sluice.cli;
