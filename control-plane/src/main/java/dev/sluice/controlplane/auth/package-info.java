/**
 * Authentication and authorisation of API requests: hashed bearer tokens ({@link
 * dev.sluice.controlplane.auth.TokenService}) that stand for a {@link
 * dev.sluice.controlplane.auth.Principal} with a {@link dev.sluice.controlplane.auth.Role} scoped to
 * namespaces.
 */
package dev.sluice.controlplane.auth;
