package dev.sluice.connectors.kafka;

import dev.sluice.api.Problem;
import dev.sluice.api.error.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The kafka input's position, as Sluice stores it: {@code {"offsets": {"<topic>/<partition>":
 * <next offset>, ...}}} for every partition the instance reads. The next offset is the offset of
 * the first record not yet handed over, as in Kafka's own committed offsets. Topic names cannot
 * hold {@code /}, so the key splits at its last one.
 */
final class SourcePosition {

  private static final String OFFSETS = "offsets";

  private SourcePosition() {}

  /** The position that resumes each partition at its offset in {@code next}. */
  static Map<String, Object> of(Map<TopicPartition, Long> next) {
    Map<String, Object> offsets = new LinkedHashMap<>();
    next.forEach((tp, offset) -> offsets.put(tp.topic() + "/" + tp.partition(), offset));
    return Map.of(OFFSETS, offsets);
  }

  /**
   * The offsets of a stored position.
   *
   * @throws ConfigException when the position was not written by this input
   */
  static Map<TopicPartition, Long> read(Map<String, Object> position) throws ConfigException {
    Map<TopicPartition, Long> next = new LinkedHashMap<>();
    if (position.get(OFFSETS) instanceof Map<?, ?> offsets) {
      for (Map.Entry<?, ?> e : offsets.entrySet()) {
        String key = String.valueOf(e.getKey());
        int slash = key.lastIndexOf('/');
        if (slash > 0 && e.getValue() instanceof Number n && n.longValue() >= 0
            && key.substring(slash + 1).chars().allMatch(Character::isDigit)
            && slash < key.length() - 1) {
          next.put(new TopicPartition(key.substring(0, slash),
              Integer.parseInt(key.substring(slash + 1))), n.longValue());
          continue;
        }
        throw unreadable(position);
      }
      return next;
    }
    throw unreadable(position);
  }

  private static ConfigException unreadable(Map<String, Object> position) {
    return new ConfigException(List.of(Problem.at("position", position.toString(),
        "the stored position is not {\"offsets\": {\"<topic>/<partition>\": <offset>}}, so the "
            + "kafka input cannot tell where to go on; reset the stream's stored positions")));
  }
}
