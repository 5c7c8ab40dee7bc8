package dev.sluice.connectors.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.component.SourceRecord;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {

  private static final Duration SHORT = Duration.ofMillis(50);
  private static final Map<String, Object> ONCE =
      Map.of("path", "in.ndjson", "follow", false, "format", "json");
  private static final Map<String, Object> FOLLOW =
      Map.of("path", "in.ndjson", "follow", true, "format", "json");

  @TempDir Path root;

  @Test
  void blankLinesAreSkippedCarriageReturnsDroppedAndLinesCounted() throws Exception {
    write("{\"id\":1}\r\n\n   \n{\"id\":2}\n");
    try (FileSource source = started(TestContext.of(root, ONCE))) {
      List<SourceRecord> records = source.poll(SHORT);
      assertThat(records).extracting(r -> r.record().value())
          .containsExactly(Map.of("id", 1), Map.of("id", 2));
      assertThat(records).extracting(SourceRecord::position).containsExactly(
          Map.of("offset", 10L, "line", 1L), Map.of("offset", 24L, "line", 4L));
      assertThat(source.poll(SHORT)).isEmpty();
      assertThat(source.exhausted()).isTrue();
    }
  }

  @Test
  void aRestartResumesRightAfterTheStoredLine() throws Exception {
    write("{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n");
    Map<String, Object> afterFirst;
    try (FileSource source = started(TestContext.of(root, ONCE))) {
      afterFirst = source.poll(SHORT).get(0).position();
    }
    try (FileSource source = started(TestContext.resuming(root, ONCE, afterFirst))) {
      List<SourceRecord> rest = source.poll(SHORT);
      assertThat(rest).extracting(r -> r.record().value())
          .containsExactly(Map.of("id", 2), Map.of("id", 3));
      assertThat(rest.get(1).position()).containsEntry("line", 3L);
    }
  }

  @Test
  void aLineThatIsNotJsonFailsNamingFileAndLineAfterTheLinesBeforeIt() throws Exception {
    write("{\"id\":1}\n{not json\n{\"id\":3}\n");
    Map<String, Object> durable;
    try (FileSource source = started(TestContext.of(root, ONCE))) {
      List<SourceRecord> first = source.poll(SHORT);
      assertThat(first).extracting(r -> r.record().value()).containsExactly(Map.of("id", 1));
      durable = first.get(0).position();
      assertThatThrownBy(() -> source.poll(SHORT)).isInstanceOf(PermanentException.class)
          .hasMessageContaining("in.ndjson:2: not a JSON document")
          .hasMessageContaining("format: string");
      assertThat(source.exhausted()).as("a failed input is not done").isFalse();
    }
    try (FileSource source = started(TestContext.resuming(root, ONCE, durable))) {
      assertThatThrownBy(() -> source.poll(SHORT)).as("the same line again after a restart")
          .isInstanceOf(PermanentException.class).hasMessageContaining("in.ndjson:2");
    }
    write("{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n");
    try (FileSource source = started(TestContext.resuming(root, ONCE, durable))) {
      assertThat(source.poll(SHORT)).as("the fixed line and the rest")
          .extracting(r -> r.record().value()).containsExactly(Map.of("id", 2), Map.of("id", 3));
    }
  }

  @Test
  void withFormatStringEveryLineIsItsText() throws Exception {
    write("plain text\n{\"id\":1}\n");
    Map<String, Object> config = Map.of("path", "in.ndjson", "follow", false, "format", "string");
    try (FileSource source = started(TestContext.of(root, config))) {
      assertThat(source.poll(SHORT)).extracting(r -> r.record().value())
          .containsExactly("plain text", "{\"id\":1}");
    }
  }

  @Test
  void aLastLineWithoutLineBreakIsReadAtTheEndButHeldBackWhileFollowing() throws Exception {
    write("{\"id\":1}\n{\"id\":2}");
    try (FileSource source = started(TestContext.of(root, ONCE))) {
      assertThat(source.poll(SHORT)).extracting(r -> r.record().value())
          .containsExactly(Map.of("id", 1), Map.of("id", 2));
    }
    try (FileSource source = started(TestContext.of(root, FOLLOW))) {
      assertThat(source.poll(SHORT)).extracting(r -> r.record().value())
          .containsExactly(Map.of("id", 1));
      assertThat(source.poll(SHORT)).as("the writer may still be writing line 2").isEmpty();
      append("\n{\"id\":3}\n");
      assertThat(source.poll(Duration.ofSeconds(10))).extracting(r -> r.record().value())
          .containsExactly(Map.of("id", 2), Map.of("id", 3));
      assertThat(source.exhausted()).isFalse();
    }
  }

  @Test
  void aFollowedFileThatDoesNotExistYetIsRetriedUntilItAppears() throws Exception {
    try (FileSource source = started(TestContext.of(root, FOLLOW))) {
      assertThatThrownBy(() -> source.poll(SHORT)).isInstanceOf(RetriableException.class)
          .hasMessageContaining("does not exist (yet)");
      write("{\"id\":1}\n");
      assertThat(source.poll(SHORT)).hasSize(1);
    }
  }

  @Test
  void aMissingFileReadOnceIsAConfigError() {
    assertThatThrownBy(() -> started(TestContext.of(root, ONCE)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("in.ndjson does not exist");
  }

  @Test
  void aFileShorterThanTheStoredPositionFails() throws Exception {
    write("{\"id\":1}\n");
    Map<String, Object> beyond = Map.of("offset", 500L, "line", 40L);
    assertThatThrownBy(() -> started(TestContext.resuming(root, ONCE, beyond)))
        .isInstanceOf(PermanentException.class).hasMessageContaining("truncated or replaced");
  }

  @Test
  void aPositionInsideALineMeansTheFileWasRewritten() throws Exception {
    write("{\"id\":1}\n{\"id\":2}\n");
    Map<String, Object> midLine = Map.of("offset", 4L, "line", 1L);
    assertThatThrownBy(() -> started(TestContext.resuming(root, ONCE, midLine)))
        .isInstanceOf(PermanentException.class).hasMessageContaining("not at the start of a line");
  }

  @Test
  void onlyTheFirstInstanceReads() throws Exception {
    write("{\"id\":1}\n");
    TestContext second = new TestContext(1, 2, ONCE, Optional.empty(), root);
    try (FileSource source = started(second)) {
      assertThat(source.poll(SHORT)).isEmpty();
      assertThat(source.exhausted()).isTrue();
    }
  }

  @Test
  void manyLinesComeInBatches() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < FileSource.MAX_BATCH + 7; i++) {
      lines.append("{\"id\":").append(i).append("}\n");
    }
    write(lines.toString());
    try (FileSource source = started(TestContext.of(root, ONCE))) {
      assertThat(source.poll(SHORT)).hasSize(FileSource.MAX_BATCH);
      assertThat(source.exhausted()).isFalse();
      assertThat(source.poll(SHORT)).hasSize(7);
    }
  }

  private FileSource started(TestContext context) throws ComponentException {
    FileSource source = new FileSource();
    try {
      source.start(context);
      return source;
    } catch (ComponentException | RuntimeException e) {
      source.close();
      throw e;
    }
  }

  private void write(String text) throws Exception {
    Files.writeString(root.resolve("in.ndjson"), text, StandardCharsets.UTF_8);
  }

  private void append(String text) throws Exception {
    Files.writeString(root.resolve("in.ndjson"), text, StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
  }
}
