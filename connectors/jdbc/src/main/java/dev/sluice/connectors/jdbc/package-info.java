/**
 * The {@code jdbc} output: writes records into a PostgreSQL table, as inserts, upserts by key, or
 * the changes that change events ({@code op}, {@code before}, {@code after}) describe, in batches
 * committed before a write returns. Transient SQL states are retried; a record the database
 * refuses is named by its index. URL parameters that would make the driver load classes or read
 * files on the worker are refused.
 */
package dev.sluice.connectors.jdbc;
