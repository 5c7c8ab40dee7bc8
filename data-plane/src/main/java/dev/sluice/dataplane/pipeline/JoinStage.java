package dev.sluice.dataplane.pipeline;

import dev.sluice.api.error.PermanentException;
import dev.sluice.api.expression.Expression;
import dev.sluice.api.record.Record;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * A {@code join} stage: looks each record's row up in a global table (every instance holds the
 * whole table, kept up to date from its compacted topic by Kafka Streams) and puts it into a field
 * of the record's value. No repartition is needed, whatever the record's key. One per task.
 */
final class JoinStage implements Stage {

  /**
   * A join's config, parsed once.
   *
   * @param topic the table's topic
   * @param key the lookup key expression
   * @param into the field that receives the row
   * @param format how the table's values are written
   * @param missing keep, drop or fail a record without a row
   */
  record Config(String topic, Expression key, String into, RecordFormat format, String missing) {}

  private final String name;
  private final Config config;
  private KeyValueStore<Bytes, ?> table;

  JoinStage(String name, Config config) {
    this.name = name;
    this.config = config;
  }

  /** The global store that holds the table of the join called {@code name}. */
  static String storeName(String name) {
    return name + "-table";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void init(ProcessorContext<?, ?> context) {
    table = context.getStateStore(storeName(name));
  }

  @Override
  public List<Record> process(Record record) throws Exception {
    if (!(record.value() instanceof Map<?, ?> value)) {
      throw new PermanentException("join " + name + " puts the row into field '" + config.into()
          + "' of the value, but the value is not an object; map it to one first", null);
    }
    Object key = config.key().evaluate(value, Map.of());
    Object row = key == null ? null : row(table.get(Bytes.wrap(RecordFormat.encodeKey(key))));
    if (row == null) {
      switch (config.missing()) {
        case "drop" -> {
          return List.of();
        }
        case "fail" -> throw new PermanentException("join " + name + " found no row for key " + key + " in topic "
            + config.topic(), null);
        default -> { }
      }
    }
    Map<String, Object> joined = new LinkedHashMap<>();
    value.forEach((k, v) -> joined.put((String) k, v));
    joined.put(config.into(), row);
    return List.of(record.withValue(joined));
  }

  private Object row(Object stored) throws Exception {
    Object bytes = stored instanceof ValueAndTimestamp<?> timestamped ? timestamped.value() : stored;
    return bytes == null ? null : config.format().decode((byte[]) bytes);
  }

  @Override
  public void close() {}
}
