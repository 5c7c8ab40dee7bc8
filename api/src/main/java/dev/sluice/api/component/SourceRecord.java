package dev.sluice.api.component;

import dev.sluice.api.record.Record;
import java.util.Map;

/**
 * A record read by a source connector, with the position just after it.
 *
 * @param record the record
 * @param position where to resume to read the next record; JSON-like values chosen by the
 *     connector (an LSN, a file offset, a cursor), stored by Sluice once the record is durable
 */
public record SourceRecord(Record record, Map<String, Object> position) {

  public SourceRecord {
    position = Map.copyOf(position);
  }
}
