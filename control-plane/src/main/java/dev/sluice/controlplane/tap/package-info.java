/** Live views of the records a stream reads, writes and dead-letters ({@code sluice tap}). */
package dev.sluice.controlplane.tap;
