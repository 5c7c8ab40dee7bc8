package dev.sluice.connectors.postgrescdc;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.Callback;

/**
 * Debezium's offset store for one engine run, in memory: answers with the position Sluice
 * resumes from until Debezium commits an offset, then with what it committed.
 *
 * <p>Sluice, not Debezium, persists positions (in {@code sluice.offsets}), so no file or Kafka
 * offset store is involved. Debezium creates this class by name, so the seed reaches it through a
 * registry: {@link #register} before the engine is built, with the returned id in the engine's
 * {@value #ID_PROPERTY} property, and {@link #unregister} once the engine stopped. Debezium commits
 * only offsets of records Sluice acknowledged, because the source marks nothing else processed.
 *
 * <p>Public only because Debezium instantiates it; not part of the plugin's API. Thread-safe.
 */
public final class PositionBackingStore implements OffsetBackingStore {

  /** The engine property that names the registered seed. */
  static final String ID_PROPERTY = "sluice.position.id";

  /** Seeds of running engines, by id: Debezium's offset map, or empty for a first start. */
  private static final Map<String, Map<String, Object>> SEEDS = new ConcurrentHashMap<>();

  private final Map<ByteBuffer, ByteBuffer> committed = new HashMap<>();
  private ByteBuffer seed;

  /** Keeps {@code offset} (Debezium's offset map; empty for none) for the next engine's store. */
  static String register(Map<String, Object> offset) {
    String id = UUID.randomUUID().toString();
    SEEDS.put(id, Map.copyOf(offset));
    return id;
  }

  /** Forgets the seed registered as {@code id}. */
  static void unregister(String id) {
    SEEDS.remove(id);
  }

  /** For Debezium, which builds the store by reflection. */
  public PositionBackingStore() {}

  @Override
  public synchronized void configure(WorkerConfig config) {
    String id = config.originalsStrings().get(ID_PROPERTY);
    Map<String, Object> offset = id == null ? null : SEEDS.get(id);
    if (offset == null) {
      throw new IllegalStateException("no position registered as '" + id + "'");
    }
    if (!offset.isEmpty()) {
      // The same converter settings Debezium reads offsets with: JSON without schemas.
      try (JsonConverter json = new JsonConverter()) {
        json.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), false);
        seed = ByteBuffer.wrap(json.fromConnectData("", null, offset));
      }
    }
  }

  @Override
  public void start() {}

  @Override
  public void stop() {}

  /**
   * The offset of each key: what Debezium committed for it, or else the seed. The engine has one
   * source partition (the Postgres server), so the seed answers for any key.
   */
  @Override
  public synchronized Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
    Map<ByteBuffer, ByteBuffer> found = new HashMap<>();
    for (ByteBuffer key : keys) {
      ByteBuffer value = committed.containsKey(key) ? committed.get(key) : seed;
      if (value != null) {
        found.put(key, value.duplicate());
      }
    }
    return CompletableFuture.completedFuture(found);
  }

  @Override
  public synchronized Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
    committed.putAll(values);
    if (callback != null) {
      callback.onCompletion(null, null);
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public Set<Map<String, Object>> connectorPartitions(String connectorName) {
    return Set.of();
  }
}
