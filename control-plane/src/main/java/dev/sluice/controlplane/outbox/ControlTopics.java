package dev.sluice.controlplane.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted Kafka topics through which the control plane publishes desired state, and their
 * creation at boot.
 *
 * <p>{@code streams} (key {@code namespace/name}, value {@code StreamRevision}) and {@code
 * assignments} (key {@code namespace/name/instance}, value {@code Assignment}) have one partition
 * each, so every reader sees one total order; {@code offsets} holds source connector positions and
 * has {@value #OFFSETS_PARTITIONS}. All are compacted: the latest value per key is the state.
 * Immutable and thread-safe.
 */
public final class ControlTopics {

  private static final Logger log = LoggerFactory.getLogger(ControlTopics.class);

  /** The prefix of the topics of a default installation: {@code sluice.streams} and so on. */
  public static final String DEFAULT_PREFIX = "sluice.";

  static final int OFFSETS_PARTITIONS = 5;
  private static final long ADMIN_TIMEOUT_SECONDS = 30;

  private final String prefix;

  private ControlTopics(String prefix) {
    this.prefix = prefix;
  }

  /** {@code sluice.streams}, {@code sluice.assignments}, {@code sluice.offsets}. */
  public static ControlTopics defaults() {
    return new ControlTopics(DEFAULT_PREFIX);
  }

  /**
   * Topics named {@code <prefix>streams} and so on, for several installations (or tests) on one
   * Kafka cluster.
   */
  public static ControlTopics withPrefix(String prefix) {
    return new ControlTopics(prefix);
  }

  /** Stream revisions, key {@code namespace/name}; a tombstone when a stream is deleted. */
  public String streams() {
    return prefix + "streams";
  }

  /** Instance assignments, key {@code namespace/name/instance}. */
  public String assignments() {
    return prefix + "assignments";
  }

  /** Source connector positions. */
  public String offsets() {
    return prefix + "offsets";
  }

  /**
   * Creates the topics that are missing, and checks that those that exist are compacted and have
   * the partitions order depends on. Safe to run from several control planes at once.
   *
   * @param replicationFactor replicas of each new topic; 1 for a single broker, 3 in production
   * @return the names of the topics created
   * @throws IllegalStateException when a topic exists with settings that break ordering or
   *     compaction, or when Kafka does not answer within 30 s
   */
  public List<String> ensureCreated(Admin admin, short replicationFactor) {
    List<NewTopic> wanted = List.of(
        topic(streams(), 1, replicationFactor),
        topic(assignments(), 1, replicationFactor),
        topic(offsets(), OFFSETS_PARTITIONS, replicationFactor));
    try {
      Set<String> existing = admin.listTopics().names().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<String> created = new ArrayList<>();
      for (NewTopic topic : wanted) {
        if (existing.contains(topic.name())) {
          check(admin, topic);
        } else if (create(admin, topic)) {
          created.add(topic.name());
        }
      }
      return created;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the control topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create the control topics " + prefix + "*: "
          + e.getMessage() + "; check bootstrap.servers and that the broker allows creating topics", e);
    }
  }

  private static NewTopic topic(String name, int partitions, short replicationFactor) {
    return new NewTopic(name, partitions, replicationFactor).configs(Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(replicationFactor >= 3 ? 2 : 1)));
  }

  /** Creates the topic; {@code false} if another control plane created it meanwhile. */
  private static boolean create(Admin admin, NewTopic topic)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      admin.createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      log.info("Created control topic {} ({} partitions, compacted)", topic.name(), topic.numPartitions());
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return false;
      }
      throw e;
    }
  }

  private static void check(Admin admin, NewTopic wanted)
      throws InterruptedException, ExecutionException, TimeoutException {
    TopicDescription description = admin.describeTopics(List.of(wanted.name())).allTopicNames()
        .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).get(wanted.name());
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, wanted.name());
    Config config = admin.describeConfigs(List.of(resource)).all()
        .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource);
    String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
      throw new IllegalStateException("topic " + wanted.name() + " has cleanup.policy=" + policy
          + ", so old desired state would be deleted; set cleanup.policy=compact on it");
    }
    int partitions = description.partitions().size();
    if (wanted.numPartitions() == 1 && partitions != 1) {
      throw new IllegalStateException("topic " + wanted.name() + " has " + partitions + " partitions; "
          + "it needs exactly 1 so that every worker reads one order. Delete it, restart the control "
          + "plane to create it again, and republish the state from Postgres (sluice admin republish)");
    }
  }
}
