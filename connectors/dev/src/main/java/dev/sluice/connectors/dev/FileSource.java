package dev.sluice.connectors.dev;

import dev.sluice.api.Problem;
import dev.sluice.api.component.SourceConnector;
import dev.sluice.api.component.SourceContext;
import dev.sluice.api.component.SourceRecord;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.record.Record;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code file} input: one record per line of a newline-delimited JSON file.
 *
 * <p>Each record's value is its line, parsed as JSON (or as text with {@code format: string});
 * it has no key and is stamped with the time it was read. Its position is {@code {"offset": <byte
 * offset after the line>, "line": <line number, from 1>}}, so a restarted instance resumes at the
 * next line, wherever it runs. Blank lines are skipped.
 *
 * <p>A line that is not JSON is never skipped: the lines before it are handed over, then the next
 * poll fails permanently naming {@code <file>:<line>}, and so does every restart until the line is
 * fixed (the input resumes at it) or the file is read with {@code format: string}.
 *
 * <p>Without {@code follow} the input reads to the end (a last line without a line break
 * included) and is exhausted; a missing file is a config error. With {@code follow} it waits for
 * appended lines, holds back a last line until its line break arrives, and a missing file is
 * retriable (it may yet appear). Only instance 0 of a stream reads the file; other instances have
 * nothing to read. The file must only grow: one shorter than the stored position fails the input.
 *
 * <p>Used by one thread, as {@link SourceConnector} says.
 */
final class FileSource implements SourceConnector {

  private static final Logger log = LoggerFactory.getLogger(FileSource.class);

  /** The most records one poll returns. */
  static final int MAX_BATCH = 500;
  /** The longest line read, so that a file without line breaks cannot exhaust the heap. */
  static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
  private static final long FOLLOW_CHECK_MILLIS = 50;

  private final Clock clock;
  private String shownPath;
  private Path path;
  private boolean follow;
  private boolean text;
  private boolean idle;
  private long startOffset;
  private long lineNumber;
  private FileChannel channel;
  private FileLines lines;
  private boolean atEnd;
  private PermanentException failed;

  FileSource() {
    this(Clock.systemUTC());
  }

  /** @param clock stamps records with the time they are read */
  FileSource(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void start(SourceContext context) throws ComponentException {
    shownPath = (String) context.config().get("path");
    path = FileRoot.resolve(context, shownPath);
    follow = Boolean.TRUE.equals(context.config().get("follow"));
    text = "string".equals(context.config().get("format"));
    if (context.instance() != 0) {
      idle = true;
      log.info("file input of {}: instance {} has nothing to read; instance 0 reads {}",
          context.stream(), context.instance(), path);
      return;
    }
    if (context.committedPosition().isPresent()) {
      Map<String, Object> position = context.committedPosition().get();
      startOffset = wholeNumber(position, "offset");
      lineNumber = wholeNumber(position, "line");
    }
    if (!follow) {
      open();
    }
    log.info("file input of {} reads {} from line {} (byte {}){}", context.stream(), path,
        lineNumber + 1, startOffset, follow ? ", following appends" : "");
  }

  @Override
  public List<SourceRecord> poll(Duration timeout) throws ComponentException {
    if (failed != null) {
      throw failed;
    }
    if (idle || atEnd) {
      if (idle && follow) {
        pause(timeout.toMillis());
      }
      return List.of();
    }
    if (channel == null) {
      open();
    }
    try {
      checkNotShrunk();
      List<SourceRecord> batch = read();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (batch.isEmpty() && follow && failed == null && System.nanoTime() < deadline
          && !Thread.currentThread().isInterrupted()) {
        if (channel.size() <= lines.readUpTo()) {
          pause(Math.min(FOLLOW_CHECK_MILLIS, (deadline - System.nanoTime()) / 1_000_000));
        }
        batch = read();
      }
      if (batch.isEmpty() && failed != null) {
        throw failed;
      }
      return batch;
    } catch (IOException e) {
      throw new RetriableException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean exhausted() {
    return idle ? !follow : atEnd;
  }

  @Override
  public void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        log.debug("closing {} failed", path, e);
      }
    }
  }

  /**
   * The records of the complete lines available now, at most {@link #MAX_BATCH}; stops before a
   * line that cannot be a record, with {@link #failed} set.
   */
  private List<SourceRecord> read() throws IOException {
    List<SourceRecord> batch = new ArrayList<>();
    while (batch.size() < MAX_BATCH && failed == null) {
      FileLines.Line line;
      try {
        line = lines.next();
      } catch (FileLines.LineTooLongException e) {
        failed = new PermanentException(where(lineNumber + 1) + ": " + e.getMessage()
            + "; the file input reads newline-delimited records", e);
        break;
      }
      if (line == null && !follow) {
        line = lines.rest();
        atEnd = line == null;
      }
      if (line == null) {
        break;
      }
      lineNumber++;
      if (!blank(line.bytes())) {
        decode(line).ifPresent(batch::add);
      }
    }
    return batch;
  }

  /** The line's record; empty (with {@link #failed} set) when the line is not JSON. */
  private Optional<SourceRecord> decode(FileLines.Line line) {
    Object value;
    if (text) {
      value = new String(line.bytes(), StandardCharsets.UTF_8);
    } else {
      try {
        value = Ndjson.parse(line.bytes());
      } catch (IOException e) {
        failed = new PermanentException(where(lineNumber) + ": not a JSON document ("
            + firstLine(e.getMessage()) + "); fix or remove the line, and the input resumes at "
            + "it, or read the file with format: string", e);
        return Optional.empty();
      }
    }
    Record record = new Record(null, value, Map.of(), clock.millis());
    return Optional.of(
        new SourceRecord(record, Map.of("offset", line.end(), "line", lineNumber)));
  }

  /** Opens the file at the start position, checking that the position fits it. */
  private void open() throws ComponentException {
    if (Files.isDirectory(path)) {
      throw new ConfigException(List.of(Problem.at("path", shownPath,
          path + " is a directory; give the path of a file")));
    }
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      if (follow) {
        throw new RetriableException(path + " does not exist (yet); the input waits for it "
            + "to appear", e);
      }
      throw new ConfigException(List.of(Problem.at("path", shownPath,
          path + " does not exist; create it or fix the path")));
    } catch (IOException e) {
      throw new RetriableException("cannot open " + path + ": " + e.getMessage(), e);
    }
    try {
      checkNotShrunk();
      if (startOffset > 0 && startOffset < channel.size() && byteBefore(startOffset) != '\n') {
        throw new PermanentException(where(lineNumber) + ": the stored position (byte "
            + startOffset + ") is not at the start of a line, so the file was rewritten; reset "
            + "the stream's stored positions to read it from the start", null);
      }
    } catch (IOException e) {
      throw new RetriableException("cannot read " + path + ": " + e.getMessage(), e);
    }
    lines = new FileLines(channel, startOffset, MAX_LINE_BYTES);
  }

  private void checkNotShrunk() throws IOException, PermanentException {
    long resumeAt = lines == null ? startOffset : lines.offset();
    long size = channel.size();
    if (size < resumeAt) {
      throw new PermanentException(path + " has " + size + " bytes, fewer than the position "
          + "already read (byte " + resumeAt + ", line " + lineNumber + "): it was truncated or "
          + "replaced, and the file input reads files that only grow; reset the stream's stored "
          + "positions to read it from the start", null);
    }
  }

  private byte byteBefore(long offset) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    channel.read(one, offset - 1);
    return one.get(0);
  }

  private String where(long line) {
    return path + ":" + line;
  }

  private static boolean blank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static void pause(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long wholeNumber(Map<String, Object> position, String name)
      throws ConfigException {
    if (position.get(name) instanceof Number n && n.doubleValue() == n.longValue()
        && n.longValue() >= 0) {
      return n.longValue();
    }
    throw new ConfigException(List.of(Problem.at("position", position.toString(),
        "the stored position has no whole-number '" + name + "', so the file input cannot tell "
            + "where to go on; reset the stream's stored positions to read the file from the "
            + "start")));
  }
}
