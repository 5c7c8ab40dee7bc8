package dev.sluice.dataplane.pipeline;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Headers between Kafka's form and a Sluice record's. */
final class KafkaHeaders {

  private KafkaHeaders() {}

  /** Kafka headers as a record's: in order, a later header of a name replacing an earlier one. */
  static Map<String, byte[]> toMap(Headers headers) {
    Iterator<Header> each = headers.iterator();
    if (!each.hasNext()) {
      return Map.of();
    }
    Map<String, byte[]> copy = new LinkedHashMap<>();
    while (each.hasNext()) {
      Header h = each.next();
      copy.put(h.key(), h.value());
    }
    return copy;
  }

  /** A record's headers as Kafka headers, in order. */
  static RecordHeaders of(Map<String, byte[]> headers) {
    RecordHeaders kafka = new RecordHeaders();
    headers.forEach(kafka::add);
    return kafka;
  }
}
