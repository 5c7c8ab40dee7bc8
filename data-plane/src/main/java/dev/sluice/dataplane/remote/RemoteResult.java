package dev.sluice.dataplane.remote;

import dev.sluice.proto.v1.PluginRecord;
import java.util.List;

/**
 * What an out-of-process processor made of one input record: its output records, or a permanent
 * error for the stream's error policy. Transient errors never show here: {@link RemoteProcessor}
 * retries them until they pass.
 */
public sealed interface RemoteResult {

  /**
   * The records that replace the input downstream, in order: none (dropped), one or several.
   *
   * @param records as the plugin returned them; values are JSON text
   */
  record Output(List<PluginRecord> records) implements RemoteResult {
    public Output {
      records = List.copyOf(records);
    }
  }

  /**
   * The plugin refused this record for good.
   *
   * @param message the plugin's reason, for dead-letter headers and logs
   */
  record Failed(String message) implements RemoteResult {}
}
