/**
 * The control plane's Postgres database: connection pool and migrations ({@link
 * dev.sluice.controlplane.store.ControlPlaneDatabase}), the advisory lock keys, and the errors
 * that every store-backed service throws ({@link dev.sluice.controlplane.store.ConflictException},
 * {@link dev.sluice.controlplane.store.NotFoundException}).
 */
package dev.sluice.controlplane.store;
