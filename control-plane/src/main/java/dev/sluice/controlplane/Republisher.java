package dev.sluice.controlplane;

import dev.sluice.controlplane.scheduler.AssignmentReconciler;
import dev.sluice.controlplane.streams.StreamService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the compacted control topics from Postgres: every stream's current revision (and a
 * tombstone for each deleted one), then every assignment, through the outbox and so in order.
 * Run at boot when the topics were missing, and on demand ({@code POST /api/v1/admin/republish}).
 */
public final class Republisher {

  private static final Logger log = LoggerFactory.getLogger(Republisher.class);

  /** What one republish wrote. */
  public record Counts(int streams, int assignments) {}

  private final StreamService streams;
  private final AssignmentReconciler assignments;

  public Republisher(StreamService streams, AssignmentReconciler assignments) {
    this.streams = streams;
    this.assignments = assignments;
  }

  public Counts republish(String actor) {
    Counts counts = new Counts(streams.republishAll(actor), assignments.republishAll());
    log.info("republished {} stream events and {} assignment events (requested by {})", counts.streams(),
        counts.assignments(), actor);
    return counts;
  }
}
