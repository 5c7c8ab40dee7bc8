package dev.sluice.processors.stateful;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.ComponentProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;
import java.util.List;
import java.util.Map;

/**
 * Announces the {@code join} processor. The worker's engine runs it, as a lookup in a Kafka Streams
 * global table (data-plane's {@code JoinStage}): this module holds what validation and the catalogue
 * need.
 */
public final class JoinProvider implements ComponentProvider {

  public static final String NAME = "join";

  public static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("topic", ConfigType.STRING)
          .required()
          .doc("The compacted topic on the system cluster that holds the table: its latest value per "
              + "key is the row for that key, a null value (tombstone) deletes the row. A stream that "
              + "writes a CDC feed or reference data to a Kafka topic makes one.")
          .examples("customers"))
      .field(ConfigField.builder("key", ConfigType.EXPRESSION)
          .required()
          .doc("Expression on each record's value giving the key of the row to look up, written as "
              + "Sluice writes keys: text as is, other values as JSON.")
          .examples("customerId", "order.customer.id"))
      .field(ConfigField.builder("into", ConfigType.STRING)
          .required()
          .doc("Field of the record's value (an object) that receives the row.")
          .examples("customer"))
      .field(ConfigField.builder("format", ConfigType.ENUM)
          .choices("json", "string")
          .defaultValue("json")
          .doc("How the table's values are written."))
      .field(ConfigField.builder("missing", ConfigType.ENUM)
          .choices("keep", "drop", "fail")
          .defaultValue("keep")
          .doc("What happens to a record with no row: keep it with null in 'into', drop it (an inner "
              + "join), or fail it, which hands it to the stream's error policy."))
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor(NAME, ComponentKind.PROCESSOR,
        "Enriches each record with the row of a table kept from a compacted topic.", SPEC, JoinProvider::check);
  }

  static List<Problem> check(Map<String, Object> config) {
    return config.get("into") instanceof String into && into.isBlank()
        ? List.of(Problem.at("into", into, "'into' is blank; name the field that receives the row, such as into: customer"))
        : List.of();
  }
}
