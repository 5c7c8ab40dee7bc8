/**
 * The {@code postgres_cdc} input: change data capture from Postgres through Debezium's embedded
 * engine (logical decoding with {@code pgoutput}).
 *
 * <p>Sluice keeps the positions: each record's position is Debezium's source offset for it, stored
 * by the worker in {@code sluice.offsets}; the engine is seeded from it through {@link
 * dev.sluice.connectors.postgrescdc.PositionBackingStore} and confirms a change to Postgres (so the
 * replication slot lets go of its WAL) only once Sluice acknowledged it. Debezium and its Kafka
 * Connect jars are this plugin's own and never reach the worker's class path.
 */
package dev.sluice.connectors.postgrescdc;
