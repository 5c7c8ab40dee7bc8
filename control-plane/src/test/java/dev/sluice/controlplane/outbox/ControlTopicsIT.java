package dev.sluice.controlplane.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.KafkaExtension;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class ControlTopicsIT {

  private final EmbeddedKafka kafka;
  private Admin admin;

  ControlTopicsIT(EmbeddedKafka kafka) {
    this.kafka = kafka;
  }

  @BeforeEach
  void connect() {
    admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
  }

  @AfterEach
  void disconnect() {
    admin.close();
  }

  @Test
  void createsTheMissingTopicsCompactedWithOnePartitionWhereOrderMatters() throws Exception {
    ControlTopics topics = ControlTopics.withPrefix("topics-it.");

    List<String> created = topics.ensureCreated(admin, (short) 1);
    List<String> createdAgain = topics.ensureCreated(admin, (short) 1);

    assertThat(created).containsExactly("topics-it.streams", "topics-it.assignments", "topics-it.offsets");
    assertThat(createdAgain).isEmpty();
    Map<String, TopicDescription> descriptions = admin.describeTopics(created).allTopicNames().get();
    assertThat(descriptions.get(topics.streams()).partitions()).hasSize(1);
    assertThat(descriptions.get(topics.assignments()).partitions()).hasSize(1);
    assertThat(descriptions.get(topics.offsets()).partitions()).hasSize(ControlTopics.OFFSETS_PARTITIONS);
    for (String topic : created) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      assertThat(config.get("cleanup.policy").value()).as(topic).isEqualTo("compact");
    }
  }

  @Test
  void refusesAnExistingTopicThatIsNotCompactedOrHasSeveralPartitions() throws Exception {
    admin.createTopics(List.of(
        new NewTopic("deleting.streams", 1, (short) 1).configs(Map.of("cleanup.policy", "delete")),
        new NewTopic("partitioned.streams", 3, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
        .all().get();

    assertThatThrownBy(() -> ControlTopics.withPrefix("deleting.").ensureCreated(admin, (short) 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("deleting.streams has cleanup.policy=delete")
        .hasMessageContaining("set cleanup.policy=compact");
    assertThatThrownBy(() -> ControlTopics.withPrefix("partitioned.").ensureCreated(admin, (short) 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("partitioned.streams has 3 partitions");
  }

  @Test
  void defaultNamesAreTheSluiceTopics() {
    ControlTopics topics = ControlTopics.defaults();

    assertThat(List.of(topics.streams(), topics.assignments(), topics.offsets()))
        .containsExactly("sluice.streams", "sluice.assignments", "sluice.offsets");
  }
}
