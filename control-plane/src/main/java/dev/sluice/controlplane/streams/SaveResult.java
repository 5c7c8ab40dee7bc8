package dev.sluice.controlplane.streams;

import dev.sluice.api.Problem;
import java.util.List;

/**
 * What a change to a stream did.
 *
 * @param stream the stream after the change
 * @param changed {@code false} when the request asked for what was already stored (the same
 *     definition and state), so no revision was created
 * @param problems the problems of a document saved paused while invalid; empty when it is valid
 */
public record SaveResult(StoredStream stream, boolean changed, List<Problem> problems) {

  public SaveResult {
    problems = List.copyOf(problems);
  }
}
