package dev.sluice.processors.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.Processor;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.record.Record;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code json_schema} processor: passes each record whose value matches the schema on as it is;
 * a record that does not match goes to the stream's error policy with a message that lists every
 * violation (up to {@value #MAX_LISTED}), each as a JSON path into the value and what is wrong
 * there.
 *
 * <p>Used by one thread, as {@link Processor} says.
 */
final class JsonSchemaProcessor implements Processor {

  private static final Logger log = LoggerFactory.getLogger(JsonSchemaProcessor.class);

  /**
   * Violations named in one message; the rest are counted. Keeps a dead letter's message header
   * small when a large array breaks the same rule in every element.
   */
  static final int MAX_LISTED = 50;

  private static final ObjectMapper JSON = new ObjectMapper();

  private Schema schema;

  @Override
  public void start(ComponentContext context) throws ConfigException {
    SchemaCompiler.Result compiled = SchemaCompiler.compile(context.config());
    if (!compiled.problems().isEmpty()) {
      throw new ConfigException(compiled.problems());
    }
    schema = compiled.schema();
    log.debug("json_schema for stream {} instance {} compiled", context.stream(),
        context.instance());
  }

  @Override
  public List<Record> process(Record record) throws PermanentException {
    if (record.value() instanceof byte[]) {
      throw new PermanentException("json_schema checks JSON values, but this record's value is "
          + "bytes; read the input with format: json", null);
    }
    JsonNode value = JSON.valueToTree(record.value());
    List<Error> violations = schema.validate(value);
    if (violations.isEmpty()) {
      return List.of(record);
    }
    throw new PermanentException(describe(violations), null);
  }

  private static String describe(List<Error> violations) {
    StringBuilder message = new StringBuilder("the record does not match the JSON schema (")
        .append(violations.size())
        .append(violations.size() == 1 ? " violation): " : " violations): ");
    for (int i = 0; i < Math.min(violations.size(), MAX_LISTED); i++) {
      Error violation = violations.get(i);
      message.append(i == 0 ? "" : "; ").append(violation.getInstanceLocation()).append(": ")
          .append(violation.getMessage());
    }
    if (violations.size() > MAX_LISTED) {
      message.append("; and ").append(violations.size() - MAX_LISTED).append(" more");
    }
    return message.toString();
  }
}
