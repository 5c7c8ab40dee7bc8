/**
 * The conformance kit: JUnit 5 suites every source and sink connector must pass.
 *
 * <p>A connector's test extends {@link dev.sluice.testkit.conformance.SourceConformance} or
 * {@link dev.sluice.testkit.conformance.SinkConformance} and supplies a real external system (a
 * broker, a database, a server, a directory) through a few abstract methods; the suite then
 * checks what the SPI promises: start and stop, resuming from the saved position, acknowledging
 * only what was delivered, refusing a bad config with every problem listed, and telling
 * retriable errors from permanent ones.
 */
package dev.sluice.testkit.conformance;
