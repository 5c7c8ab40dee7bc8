package dev.sluice.connectors.postgrescdc;

import java.util.Arrays;
import java.util.Locale;

/** When the input reads the tables' existing rows, and Debezium's name for it. */
enum SnapshotMode {
  /** Snapshot on the first start (no stored position), then stream. */
  INITIAL("initial"),
  /** Never snapshot: stream from the slot's position. */
  NEVER("no_data"),
  /** Snapshot on the first start and whenever the stored position is gone from the slot. */
  WHEN_NEEDED("when_needed");

  private final String debeziumName;

  SnapshotMode(String debeziumName) {
    this.debeziumName = debeziumName;
  }

  /** What users write: {@code initial}, {@code never}, {@code when_needed}. */
  String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The value of Debezium's {@code snapshot.mode}. */
  String debeziumName() {
    return debeziumName;
  }

  /** The mode users wrote as {@code name}, one of {@link #names()}. */
  static SnapshotMode of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** Every name users may write. */
  static String[] names() {
    return Arrays.stream(values()).map(SnapshotMode::configName).toArray(String[]::new);
  }
}
