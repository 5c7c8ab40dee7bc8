/**
 * Secret values, encrypted with AES-GCM under a key that lives outside the database ({@link
 * dev.sluice.controlplane.secrets.SecretStore}, {@link
 * dev.sluice.controlplane.secrets.SecretCipher}).
 */
package dev.sluice.controlplane.secrets;
