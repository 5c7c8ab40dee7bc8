/**
 * Stream definitions as the control plane keeps them: {@link
 * dev.sluice.controlplane.streams.StreamService} creates, updates, pauses, resumes, rolls back and
 * deletes streams as immutable numbered revisions with optimistic concurrency, publishing each
 * change through the outbox.
 */
package dev.sluice.controlplane.streams;
