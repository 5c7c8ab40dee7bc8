package dev.sluice.dataplane.worker;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far a consumer group is behind the end of some topics, from committed offsets. */
final class ConsumerLag {

  private final Admin admin;

  ConsumerLag(Admin admin) {
    this.admin = admin;
  }

  /**
   * Records in {@code topics} that {@code group} has not committed yet, summed over partitions; a
   * partition the group never committed counts from its start.
   */
  long lag(String group, List<String> topics) throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    List<TopicPartition> partitions = admin.describeTopics(topics).allTopicNames().get().values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .toList();
    Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(
        partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
    Map<TopicPartition, ListOffsetsResultInfo> starts = admin.listOffsets(
        partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest()))).all().get();
    long lag = 0;
    for (TopicPartition p : partitions) {
      OffsetAndMetadata c = committed.get(p);
      long position = c != null ? c.offset() : starts.get(p).offset();
      lag += Math.max(0, ends.get(p).offset() - position);
    }
    return lag;
  }
}
