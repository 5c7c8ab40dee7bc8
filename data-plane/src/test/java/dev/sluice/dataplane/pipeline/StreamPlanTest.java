package dev.sluice.dataplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.definition.ErrorPolicy;
import dev.sluice.dataplane.pipeline.StreamPlan.Segment;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * How out-of-process processors ({@code plugin}) cut a stream's processor chain: into topology
 * parts and remote stages, the topics between them, and the topology that results.
 */
class StreamPlanTest {

  private static StreamPlan plan(String... processors) {
    return StreamPlan.of(TestStreams.kafkaToKafka(ErrorPolicy.defaults(), processors));
  }

  @Test
  void aStreamWithoutPluginsIsOneTopologyPart() {
    StreamPlan plan = plan("tag", "split");

    assertThat(plan.segments()).containsExactly(new Segment(0, 2, false));
    assertThat(plan.remoteStages()).isEmpty();
    assertThat(plan.internalTopics()).isEmpty();
    assertThat(plan.inputTopics(plan.segments().get(0))).containsExactly("in");
    assertThat(plan.outputTopic(plan.segments().get(0))).isEqualTo("out");
  }

  @Test
  void aPluginBetweenProcessorsCutsTheChainIntoThreeParts() {
    StreamPlan plan = plan("tag", "plugin", "split");

    assertThat(plan.segments()).containsExactly(
        new Segment(0, 1, false), new Segment(1, 2, true), new Segment(2, 3, false));
    List<Segment> s = plan.segments();
    assertThat(plan.inputTopics(s.get(0))).containsExactly("in");
    assertThat(plan.outputTopic(s.get(0))).isEqualTo("sluice.s.ns.s.p1");
    assertThat(plan.inputTopics(s.get(1))).containsExactly("sluice.s.ns.s.p1");
    assertThat(plan.outputTopic(s.get(1))).isEqualTo("sluice.s.ns.s.p2");
    assertThat(plan.inputTopics(s.get(2))).containsExactly("sluice.s.ns.s.p2");
    assertThat(plan.outputTopic(s.get(2))).isEqualTo("out");
    assertThat(plan.internalTopics()).containsExactly("sluice.s.ns.s.p1", "sluice.s.ns.s.p2");
    assertThat(plan.inputFormat(s.get(2))).isEqualTo(RecordFormat.JSON);
    assertThat(plan.topics().stageGroup(1)).isEqualTo("sluice-ns-s-p1");
  }

  @Test
  void consecutivePluginsShareOneStage() {
    StreamPlan plan = plan("plugin", "plugin", "tag", "plugin");

    assertThat(plan.segments()).containsExactly(
        new Segment(0, 0, false), new Segment(0, 2, true), new Segment(2, 3, false),
        new Segment(3, 4, true), new Segment(4, 4, false));
    assertThat(plan.remoteStages()).containsExactly(new Segment(0, 2, true), new Segment(3, 4, true));
    assertThat(plan.internalTopics())
        .containsExactly("sluice.s.ns.s.p0", "sluice.s.ns.s.p2", "sluice.s.ns.s.p3", "sluice.s.ns.s.p4");
    assertThat(plan.readsInput(plan.segments().get(0))).isTrue();
    assertThat(plan.writesOutput(plan.segments().get(0))).isFalse();
    assertThat(plan.writesOutput(plan.segments().get(4))).isTrue();
    assertThat(plan.readsInput(plan.segments().get(1))).isFalse();
  }

  @Test
  void theTopologyRunsEachPartFromItsTopicToTheNextCountingInAndOutOnce() throws Exception {
    StreamPlan plan = plan("tag", "plugin", "split");
    InstanceCounters counters = new InstanceCounters();
    List<String> traced = new ArrayList<>();
    var topology = new StreamTopology(TestStreams.components(0), null, Clock.systemUTC(), d -> { })
        .build(plan, 0, counters, (stage, records) -> traced.add(stage));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, plan.topics().applicationId());

    try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
      driver.createInputTopic("in", new StringSerializer(), new StringSerializer()).pipeInput("k", "{\"id\": 1}");
      List<TestRecord<byte[], byte[]>> toStage = driver.createOutputTopic("sluice.s.ns.s.p1",
          new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
      assertThat(toStage).singleElement().satisfies(r -> {
        assertThat(text(r.key())).isEqualTo("k");
        assertThat(text(r.value())).isEqualTo("{\"id\":1,\"seen\":true}");
      });
      assertThat(driver.createOutputTopic("out", new ByteArrayDeserializer(), new ByteArrayDeserializer())
          .isEmpty()).isTrue();

      TestInputTopic<String, String> fromStage = driver.createInputTopic("sluice.s.ns.s.p2", new StringSerializer(),
          new StringSerializer());
      fromStage.pipeInput("k", "{\"id\":1,\"seen\":true,\"upper\":\"YES\"}");
      List<String> out = driver.createOutputTopic("out", new ByteArrayDeserializer(), new ByteArrayDeserializer())
          .readRecordsToList().stream().map(r -> text(r.key()) + "=" + text(r.value())).toList();
      assertThat(out).containsExactly("k={\"id\":1,\"seen\":true,\"upper\":\"YES\",\"part\":1}",
          "k={\"id\":1,\"seen\":true,\"upper\":\"YES\",\"part\":2}");
    }
    assertThat(counters.in()).isEqualTo(1);
    assertThat(counters.out()).isEqualTo(2);
    // What the part after the plugin reads is what the plugin handed on: it goes by the plugin's name.
    assertThat(traced).containsExactly(DecodeStage.NAME, "p0-tag", "p1-plugin", "p2-split");
  }

  @Test
  void aSampleRunRefusesAPluginNamingTheProcessor() {
    StreamPlan plan = plan("tag", "plugin");

    assertThatThrownBy(() -> SampleRun.run(SampleRun.topologies(TestStreams.components(0)), plan, List.of()))
        .isInstanceOf(StreamSetupException.class)
        .hasMessageStartingWith("spec.pipeline.processors[1] (plugin null) runs out of process")
        .hasMessageContaining("sample runs do not start plugins");
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
