package dev.sluice.connectors.dev;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.SinkConnector;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.record.Record;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code file} output: appends each record as one JSON line and syncs the file to disk before
 * {@link #write} returns, so a delivered record survives a crash of the machine.
 *
 * <p>The file is never truncated by a start: a restarted output appends after what is there (at
 * least once: a redelivered batch appears twice). If the file ends in the middle of a line (a
 * crash during a write by someone), a line break is added first so new records start on a line of
 * their own. A write that fails (a full disk, an I/O error) is retriable; what part of the batch
 * reached the file stays there (cutting it off could cut off another instance's appends), and
 * the batch is written again on a new line.
 *
 * <p>Used by one thread, as {@link SinkConnector} says.
 */
final class FileOutput implements SinkConnector {

  private static final Logger log = LoggerFactory.getLogger(FileOutput.class);
  private static final byte[] NEWLINE = {'\n'};

  private Path path;
  private LineFormat format;
  private FileChannel channel;
  /** Whether the file may end in a partial line that the next write must close first. */
  private boolean endUnchecked = true;

  @Override
  public void start(ComponentContext context) throws ComponentException {
    String shown = (String) context.config().get("path");
    path = FileRoot.resolve(context, shown);
    format = LineFormat.of(context.config().get("format"));
    if (Files.isDirectory(path)) {
      throw new ConfigException(List.of(Problem.at("path", shown,
          path + " is a directory; give the path of a file")));
    }
    try {
      Files.createDirectories(path.getParent());
      boolean created = !Files.exists(path);
      channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
      if (created) {
        syncDirectory(path.getParent());
      }
    } catch (AccessDeniedException e) {
      throw new ConfigException(List.of(Problem.at("path", shown,
          "the worker may not write " + e.getFile() + "; give a path it may write")));
    } catch (FileSystemException e) {
      throw new ConfigException(List.of(Problem.at("path", shown,
          "cannot create " + path + ": " + e.getMessage() + "; give a path to a file in a "
              + "directory")));
    } catch (IOException e) {
      throw new RetriableException("cannot open " + path + ": " + e.getMessage(), e);
    }
    log.info("file output of {} appends to {}", context.stream(), path);
  }

  @Override
  public void write(List<Record> batch) throws ComponentException {
    LineFormat.Lines lines = format.lines(batch);
    try {
      if (endUnchecked) {
        closeLastLine();
      }
      ByteBuffer buffer = ByteBuffer.wrap(lines.bytes());
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      endUnchecked = true;
      throw new RetriableException("cannot append to " + path + ": " + e.getMessage()
          + "; the batch is written again after a pause", e);
    }
    if (lines.refused() != null) {
      throw lines.refused();
    }
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

  /** Adds a line break when the file ends in the middle of a line. */
  private void closeLastLine() throws IOException {
    long size = channel.size();
    if (size > 0) {
      ByteBuffer last = ByteBuffer.allocate(1);
      // The append channel cannot read; a failed or foreign write may have left a partial line.
      try (FileChannel reader = FileChannel.open(path, StandardOpenOption.READ)) {
        reader.read(last, size - 1);
      }
      if (last.get(0) != '\n') {
        log.warn("{} ends in the middle of a line (byte {}); starting the next record on a new "
            + "line", path, size);
        channel.write(ByteBuffer.wrap(NEWLINE));
      }
    }
    endUnchecked = false;
  }

  /** Makes a new file's directory entry durable, as well as its contents. */
  private static void syncDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      log.debug("cannot sync directory {}: {}", directory, e.getMessage());
    }
  }
}
