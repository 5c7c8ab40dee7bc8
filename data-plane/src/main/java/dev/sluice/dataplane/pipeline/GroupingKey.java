package dev.sluice.dataplane.pipeline;

import dev.sluice.api.error.PermanentException;
import dev.sluice.api.expression.Expression;
import dev.sluice.api.record.Record;
import java.util.Map;

/**
 * What a window or a dedupe groups records by: an expression on each value, or the record's key.
 * A record that gives no key is an error for that record (Kafka Streams would skip it silently).
 *
 * @param expression the {@code key} expression, or {@code null} for the record's key
 * @param purpose what the key is for, as in "no key to {@code aggregate by}"
 * @param owner the processor, as in "the {@code window}'s 'key'"
 */
record GroupingKey(Expression expression, String purpose, String owner) {

  /**
   * The key of {@code record}.
   *
   * @throws PermanentException when there is none, saying how to give one
   * @throws Exception when the expression fails
   */
  Object of(Record record) throws Exception {
    Object key = expression == null ? record.key() : expression.evaluate(record.value(), Map.of());
    if (key == null) {
      throw new PermanentException(expression == null
          ? "the record has no key to " + purpose + "; set the " + owner + "'s 'key' to an expression on the value"
          : "the " + owner + " key '" + expression.source() + "' gave nothing for this record", null);
    }
    return key;
  }
}
