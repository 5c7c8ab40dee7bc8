package dev.sluice.controlplane.dlq;

import dev.sluice.api.record.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One record of a dead-letter topic as it is stored: key and value bytes as the failed stage read
 * them, and every header, Sluice's (see {@link DeadLetterHeaders}) and the record's own.
 *
 * @param position where it is in the dead-letter topic
 * @param timestamp the record's timestamp: the failed record's event time
 * @param key the key bytes, or {@code null}
 * @param value the value bytes, or {@code null}
 * @param headers every header, in order
 */
public record DeadLetter(DlqPosition position, Instant timestamp, byte[] key, byte[] value,
    List<Header> headers) {

  /** One Kafka header; the value may be {@code null}. */
  public record Header(String name, byte[] value) {}

  public DeadLetter {
    headers = List.copyOf(headers);
  }

  /** The last header called {@code name}, as UTF-8 text. */
  public Optional<String> header(String name) {
    for (int i = headers.size() - 1; i >= 0; i--) {
      Header h = headers.get(i);
      if (h.name().equals(name) && h.value() != null) {
        return Optional.of(new String(h.value(), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  /** Where the failed record was read, from its {@code sluice.source.*} headers, if they say. */
  public Optional<Source> source() {
    Optional<String> topic = header(DeadLetterHeaders.SOURCE_TOPIC);
    Optional<Integer> partition = header(DeadLetterHeaders.SOURCE_PARTITION)
        .flatMap(DeadLetter::number).filter(n -> n <= Integer.MAX_VALUE).map(Long::intValue);
    Optional<Long> offset = header(DeadLetterHeaders.SOURCE_OFFSET).flatMap(DeadLetter::number);
    if (topic.isEmpty() || partition.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Source(topic.get(), partition.get(), offset.orElse(-1L)));
  }

  /**
   * The topic, partition and offset the failed record was read from.
   *
   * @param offset its offset there, or -1 when the header is missing
   */
  public record Source(String topic, int partition, long offset) {}

  private static Optional<Long> number(String text) {
    try {
      long n = Long.parseLong(text.strip());
      return n >= 0 ? Optional.of(n) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
