package dev.sluice.controlplane.dlq;

import java.util.List;

/**
 * What a replay did with each selected dead letter.
 *
 * @param replayed the ones written now
 * @param alreadyReplayed the ones an earlier replay wrote, which were not written again
 * @param skipped the ones not written, each with why
 * @param next for a range cut at {@link DeadLetterService#MAX_REPLAY}: the position to pass as
 *     {@code after} to go on; {@code null} when the range is done
 */
public record ReplayOutcome(List<Replay> replayed, List<Replay> alreadyReplayed,
    List<Skipped> skipped, DlqPosition next) {

  /** A selected dead letter that was not written, and why. */
  public record Skipped(DlqPosition position, String reason) {}

  public ReplayOutcome {
    replayed = List.copyOf(replayed);
    alreadyReplayed = List.copyOf(alreadyReplayed);
    skipped = List.copyOf(skipped);
  }

  /** One sentence for people: how many were written, and why the others were not. */
  public String summary() {
    if (replayed.isEmpty() && alreadyReplayed.isEmpty() && skipped.isEmpty()) {
      return "nothing to replay: the selection holds no dead letters";
    }
    StringBuilder s = new StringBuilder(replayed.isEmpty() ? "replayed nothing"
        : "replayed " + count(replayed.size()));
    if (!alreadyReplayed.isEmpty()) {
      s.append("; ").append(count(alreadyReplayed.size())).append(" replayed before ")
          .append(alreadyReplayed.size() == 1 ? "was" : "were").append(" not written again");
    }
    if (!skipped.isEmpty()) {
      s.append("; ").append(count(skipped.size())).append(" skipped, see skipped for why");
    }
    if (next != null) {
      s.append("; more remain: repeat with after ").append(next);
    }
    return s.toString();
  }

  private static String count(int n) {
    return n == 1 ? "1 dead letter" : n + " dead letters";
  }
}
