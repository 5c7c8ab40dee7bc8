package dev.sluice.connectors.kafka;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;

/**
 * Which partitions of the input topics each instance of a stream reads: all partitions sorted by
 * topic and number, dealt out in turn, so instance {@code i} of {@code n} reads every {@code n}th
 * one starting at the {@code i}th. Instances agree without talking to each other, and each
 * partition is read by exactly one instance.
 */
final class PartitionShare {

  private PartitionShare() {}

  /** The partitions of {@code all} that instance {@code instance} of {@code instances} reads. */
  static List<TopicPartition> of(List<TopicPartition> all, int instance, int instances) {
    List<TopicPartition> sorted = all.stream().distinct()
        .sorted(Comparator.comparing(TopicPartition::topic)
            .thenComparing(TopicPartition::partition))
        .toList();
    return IntStream.range(0, sorted.size()).filter(i -> i % instances == instance)
        .mapToObj(sorted::get).toList();
  }
}
