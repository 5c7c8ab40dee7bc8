package dev.sluice.controlplane.streams;

import dev.sluice.api.definition.DesiredState;
import java.time.Instant;

/**
 * One line of a stream's history, without the document.
 *
 * @param revision its number
 * @param state the desired state it set
 * @param valid whether it validated when it was saved
 * @param createdBy the actor who saved it
 * @param createdAt when it was saved
 */
public record RevisionSummary(
    long revision, DesiredState state, boolean valid, String createdBy, Instant createdAt) {}
