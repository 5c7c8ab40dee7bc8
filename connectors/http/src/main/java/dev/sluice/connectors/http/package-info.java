/**
 * HTTP in and out: the {@code http_server} input (records pushed to the worker's ingest port), the
 * {@code http_poll} input (an API fetched at an interval, following a cursor) and the {@code http}
 * output (records posted in batches), with a guard against being pointed inside the cluster.
 */
package dev.sluice.connectors.http;
