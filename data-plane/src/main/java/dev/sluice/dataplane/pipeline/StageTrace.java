package dev.sluice.dataplane.pipeline;

import dev.sluice.api.record.Record;
import java.util.List;

/**
 * Sees what each stage of a stream hands on: for sample runs ({@link SampleRun}), which show a
 * user every step; running streams use {@link #NONE}. Called on the task's thread.
 */
@FunctionalInterface
public interface StageTrace {

  /** Traces nothing. */
  StageTrace NONE = (stage, records) -> { };

  /** Stage {@code stage} handed on {@code records} (none when it dropped its input). */
  void passed(String stage, List<Record> records);
}
