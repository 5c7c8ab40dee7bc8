package dev.sluice.processors.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Moves headers between a Sluice record ({@code Map<String, byte[]>}) and the Kafka {@link
 * Headers} that Apicurio's serdes read the schema id from (and, with {@code idLocation: headers},
 * write it to).
 */
final class KafkaHeaders {

  private KafkaHeaders() {}

  /** Kafka headers holding {@code headers}, in order. */
  static Headers of(Map<String, byte[]> headers) {
    RecordHeaders kafka = new RecordHeaders();
    headers.forEach(kafka::add);
    return kafka;
  }

  /** A record's headers from {@code headers}; of repeated names, the last one counts. */
  static Map<String, byte[]> toMap(Headers headers) {
    Map<String, byte[]> map = new LinkedHashMap<>();
    for (Header header : headers) {
      map.put(header.key(), header.value());
    }
    return map;
  }
}
