package dev.sluice.connectors.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLinesTest {

  @TempDir Path dir;

  @Test
  void linesEndAtLineBreaksAndSayWhereTheNextStarts() throws Exception {
    try (FileChannel file = file("ab\r\n\nc\n")) {
      FileLines lines = new FileLines(file, 0, 100);
      assertThat(text(lines.next())).isEqualTo("ab");
      assertThat(lines.offset()).isEqualTo(4);
      assertThat(text(lines.next())).isEmpty();
      FileLines.Line c = lines.next();
      assertThat(text(c)).isEqualTo("c");
      assertThat(c.end()).isEqualTo(7);
      assertThat(lines.next()).isNull();
      assertThat(lines.rest()).isNull();
    }
  }

  @Test
  void readingStartsAtTheGivenOffsetAndHoldsBackAnUnfinishedLine() throws Exception {
    try (FileChannel file = file("skip\nkeep\npart")) {
      FileLines lines = new FileLines(file, 5, 100);
      assertThat(text(lines.next())).isEqualTo("keep");
      assertThat(lines.next()).isNull();
      assertThat(lines.readUpTo()).isEqualTo(14);
      FileLines.Line rest = lines.rest();
      assertThat(text(rest)).isEqualTo("part");
      assertThat(rest.end()).isEqualTo(14);
    }
  }

  @Test
  void linesLongerThanTheBufferGrowItUpToTheLimit() throws Exception {
    String longLine = "x".repeat(200_000);
    try (FileChannel file = file(longLine + "\nshort\n")) {
      FileLines lines = new FileLines(file, 0, 300_000);
      assertThat(text(lines.next())).isEqualTo(longLine);
      assertThat(text(lines.next())).isEqualTo("short");
    }
    try (FileChannel file = file(longLine + "\n")) {
      FileLines lines = new FileLines(file, 0, 100_000);
      assertThatThrownBy(lines::next).isInstanceOf(FileLines.LineTooLongException.class)
          .hasMessageContaining("longer than 100000 bytes");
    }
  }

  private FileChannel file(String text) throws Exception {
    Path path = Files.writeString(dir.resolve("f-" + System.nanoTime()), text,
        StandardCharsets.UTF_8);
    return FileChannel.open(path, StandardOpenOption.READ);
  }

  private static String text(FileLines.Line line) {
    return new String(line.bytes(), StandardCharsets.UTF_8);
  }
}
