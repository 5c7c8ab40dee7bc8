package dev.sluice.connectors.dev;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Reads a growing file line by line from a byte offset, and says where each line ends, so that a
 * reader can resume exactly after any line it returned.
 *
 * <p>A line ends at {@code \n}; a {@code \r} before it is dropped. Bytes after the last {@code \n}
 * are held back until their line break arrives ({@link #next()}), or handed over as the file's
 * last line on request ({@link #rest()}).
 *
 * <p>Not thread-safe.
 */
final class FileLines {

  /** A line and the file offset just after its line break. */
  record Line(byte[] bytes, long end) {}

  /** Thrown for a line longer than the reader holds. */
  static final class LineTooLongException extends IOException {
    LineTooLongException(String message) {
      super(message);
    }
  }

  private static final int CHUNK = 64 * 1024;

  private final FileChannel channel;
  private final int maxLine;
  /** File offset of {@code buffer[0]}. */
  private long bufferOffset;
  private byte[] buffer = new byte[CHUNK];
  /** Start of the bytes not yet returned. */
  private int start;
  /** End of the bytes read so far. */
  private int end;

  /**
   * @param channel the file, read with positional reads only
   * @param offset where the first line starts
   * @param maxLine the most bytes one line may have
   */
  FileLines(FileChannel channel, long offset, int maxLine) {
    this.channel = channel;
    this.bufferOffset = offset;
    this.maxLine = maxLine;
  }

  /** The offset just after the last line returned: where a new reader would resume. */
  long offset() {
    return bufferOffset + start;
  }

  /** The offset up to which the file has been read, held-back bytes included. */
  long readUpTo() {
    return bufferOffset + end;
  }

  /**
   * The next complete line, or {@code null} when the file holds none after the last one returned
   * (yet).
   *
   * @throws LineTooLongException when no line break comes within the allowed line length
   */
  Line next() throws IOException {
    int scanned = start;
    while (true) {
      for (int i = scanned; i < end; i++) {
        if (buffer[i] == '\n') {
          int length = i > start && buffer[i - 1] == '\r' ? i - 1 - start : i - start;
          Line line =
              new Line(Arrays.copyOfRange(buffer, start, start + length), bufferOffset + i + 1);
          start = i + 1;
          return line;
        }
      }
      scanned = end;
      if (end - start > maxLine) {
        throw new LineTooLongException("a line at byte " + offset() + " is longer than "
            + maxLine + " bytes");
      }
      int shift = start;
      if (!fill()) {
        return null;
      }
      scanned -= shift;
    }
  }

  /** The bytes after the last line break, as the file's last line; {@code null} when none. */
  Line rest() {
    if (start == end) {
      return null;
    }
    int length = buffer[end - 1] == '\r' ? end - 1 - start : end - start;
    Line line = new Line(Arrays.copyOfRange(buffer, start, start + length), bufferOffset + end);
    start = end;
    return line;
  }

  /** Reads more of the file after the held-back bytes; false when there is nothing more. */
  private boolean fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      bufferOffset += start;
      end -= start;
      start = 0;
    }
    if (end == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int read = channel.read(ByteBuffer.wrap(buffer, end, buffer.length - end), bufferOffset + end);
    if (read <= 0) {
      return false;
    }
    end += read;
    return true;
  }
}
