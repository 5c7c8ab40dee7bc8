package dev.sluice.dataplane.worker;

import dev.sluice.dataplane.pipeline.StreamPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics a stream needs before its instances start: Sluice's own (ingress, egress,
 * dead letters, the topics around out-of-process stages, all with one partition count so that a
 * stage writes each record to the partition it read it from, and the tap samples' topic) and, for convenience, the user's input and output topics when they do not exist
 * yet. Existing topics are left exactly as they are.
 */
final class TopicProvisioner {

  private static final int MIN_PARTITIONS = 3;
  /** Tap samples are for watching now: an hour's worth is plenty. */
  private static final Map<String, String> TAP_CONFIG = Map.of(TopicConfig.RETENTION_MS_CONFIG, "3600000");

  private final Admin admin;

  TopicProvisioner(Admin admin) {
    this.admin = admin;
  }

  void provision(StreamPlan plan) throws InterruptedException, ExecutionException {
    int partitions = Math.max(MIN_PARTITIONS, plan.definition().spec().parallelism());
    List<String> wanted = new ArrayList<>(plan.inputTopics());
    wanted.add(plan.outputTopic());
    wanted.addAll(plan.internalTopics());
    if (plan.deadLetters()) {
      wanted.add(plan.topics().deadLetter());
    }
    Set<String> existing = admin.listTopics().names().get();
    List<NewTopic> missing = new ArrayList<>(wanted.stream().distinct().filter(t -> !existing.contains(t))
        .map(t -> new NewTopic(t, partitions, (short) -1)).toList());
    if (!existing.contains(plan.topics().tap())) {
      missing.add(new NewTopic(plan.topics().tap(), 1, (short) -1).configs(TAP_CONFIG));
    }
    if (missing.isEmpty()) {
      return;
    }
    try {
      admin.createTopics(missing).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }
}
