package dev.sluice.controlplane.dlq;

import java.util.List;
import java.util.Map;

/**
 * One page of a stream's dead letters, oldest first within each partition, partitions in order.
 *
 * @param topic the dead-letter topic
 * @param partitions what each partition holds now; empty when the topic does not exist yet
 * @param items the dead letters of this page
 * @param replays the items that were replayed, by position
 * @param next the position to pass as {@code after} for the next page, or {@code null} at the end
 */
public record DlqPage(String topic, List<PartitionRange> partitions, List<DeadLetter> items,
    Map<DlqPosition, Replay> replays, DlqPosition next) {

  public DlqPage {
    partitions = List.copyOf(partitions);
    items = List.copyOf(items);
    replays = Map.copyOf(replays);
  }
}
