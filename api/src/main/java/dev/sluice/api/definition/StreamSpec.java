package dev.sluice.api.definition;

import java.util.List;
import java.util.Objects;

/**
 * What a stream does.
 *
 * @param state whether the owner wants it running or paused
 * @param parallelism how many instances share the work, spread across workers
 * @param guarantee the delivery guarantee asked for
 * @param input where records come from
 * @param processors what happens to each record, in order; may be empty
 * @param output where records go
 * @param errors what happens to a record that cannot be processed
 */
public record StreamSpec(
    DesiredState state,
    int parallelism,
    Guarantee guarantee,
    ComponentConfig input,
    List<ComponentConfig> processors,
    ComponentConfig output,
    ErrorPolicy errors) {

  public StreamSpec {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(guarantee, "guarantee");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(errors, "errors");
    processors = List.copyOf(processors);
  }
}
