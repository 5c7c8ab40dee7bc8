package dev.sluice.controlplane.dlq;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a dead letter is in the dead-letter topic, written {@code <partition>:<offset>}, as in
 * {@code 2:117}. Dead letters are listed in this order: partition, then offset.
 */
public record DlqPosition(int partition, long offset) implements Comparable<DlqPosition> {

  private static final Pattern TEXT = Pattern.compile("(\\d{1,9}):(\\d{1,18})");
  private static final Comparator<DlqPosition> ORDER =
      Comparator.comparingInt(DlqPosition::partition).thenComparingLong(DlqPosition::offset);

  public DlqPosition {
    if (partition < 0 || offset < 0) {
      throw new IllegalArgumentException("a position has a partition and an offset of 0 or more, "
          + "got " + partition + ":" + offset);
    }
  }

  /**
   * Reads {@code <partition>:<offset>}.
   *
   * @throws IllegalArgumentException naming {@code what} and the expected form
   */
  public static DlqPosition parse(String text, String what) {
    Matcher m = TEXT.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(what + " must be a position <partition>:<offset> as the "
          + "listing gives it, such as 0:42, got '" + text + "'");
    }
    return new DlqPosition(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
  }

  @Override
  public int compareTo(DlqPosition other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return partition + ":" + offset;
  }
}
