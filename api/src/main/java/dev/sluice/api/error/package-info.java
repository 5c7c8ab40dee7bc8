/**
 * The three ways a component says something went wrong. Sluice retries {@link
 * dev.sluice.api.error.RetriableException}s with backoff, sends records that fail with a {@link
 * dev.sluice.api.error.PermanentException} to the stream's error policy, and refuses to start a
 * component that throws a {@link dev.sluice.api.error.ConfigException}.
 */
package dev.sluice.api.error;
