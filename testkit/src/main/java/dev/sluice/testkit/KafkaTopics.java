package dev.sluice.testkit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Creates topics for a test and returns once the broker leads every partition. Writing into a
 * topic sooner makes an idempotent producer's first batches fail with {@code
 * OUT_OF_ORDER_SEQUENCE_NUMBER} and retry until they expire, so a test's input goes missing.
 */
public final class KafkaTopics {

  private KafkaTopics() {}

  /** Creates {@code topics} and asks each partition's leader for its end offset, which waits for the leader. */
  public static void create(Admin admin, List<NewTopic> topics) throws ExecutionException, InterruptedException {
    admin.createTopics(topics).all().get();
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    for (NewTopic topic : topics) {
      for (int p = 0; p < topic.numPartitions(); p++) {
        partitions.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
      }
    }
    admin.listOffsets(partitions).all().get();
  }
}
