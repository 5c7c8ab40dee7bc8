package dev.sluice.controlplane.dlq;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** Which dead letters to replay: given positions, or a range in listing order. */
public sealed interface ReplaySelection {

  /**
   * These positions.
   *
   * @param positions one or more, at most {@link DeadLetterService#MAX_REPLAY}
   */
  record Positions(SortedSet<DlqPosition> positions) implements ReplaySelection {

    public Positions {
      positions = new TreeSet<>(positions);
      if (positions.isEmpty() || positions.size() > DeadLetterService.MAX_REPLAY) {
        throw new IllegalArgumentException("records must list from 1 to "
            + DeadLetterService.MAX_REPLAY + " positions, got " + positions.size());
      }
    }

    /** The positions of {@code list}, duplicates counted once. */
    public static Positions of(List<DlqPosition> list) {
      return new Positions(new TreeSet<>(list));
    }
  }

  /**
   * Every dead letter after {@code after} (from the start when null) up to and including {@code
   * upTo}, in listing order; at most {@link DeadLetterService#MAX_REPLAY} per request, the outcome
   * says where to go on.
   */
  record Range(DlqPosition after, DlqPosition upTo) implements ReplaySelection {

    public Range {
      if (upTo == null) {
        throw new IllegalArgumentException("upTo is required: the position of the last dead "
            + "letter to replay, such as 2:117");
      }
      if (after != null && after.compareTo(upTo) >= 0) {
        throw new IllegalArgumentException("after (" + after + ") must come before upTo (" + upTo
            + ")");
      }
    }
  }
}
