package dev.sluice.cli;

import dev.sluice.api.config.Durations;
import java.time.Duration;

/** Durations given on the command line, in the same syntax as stream documents. */
final class CliDurations {

  private CliDurations() {}

  static Duration parse(String text, String option) {
    return Durations.parse(text).orElseThrow(() -> new UserError(
        option + " '" + text + "' is not a duration; write it as 500ms, 10s, 1m or 1h"));
  }
}
