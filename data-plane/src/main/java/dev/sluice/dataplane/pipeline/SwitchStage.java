package dev.sluice.dataplane.pipeline;

import dev.sluice.api.error.PermanentException;
import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import dev.sluice.api.record.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The {@code switch} processor: each record runs through the stages of the first case whose check
 * is true (a case without one takes every record), in order, like the stream's own processors; a
 * record no case takes goes on unchanged. A failure inside a case is this stage's failure, so the
 * stream's error policy sees the record as it entered the switch: a retry runs the whole switch
 * again.
 */
final class SwitchStage implements Stage {

  /**
   * One case.
   *
   * @param check what takes a record into the case; null to take every record
   */
  record Case(Expression check, List<Stage> stages) {}

  private final String name;
  private final List<Case> cases;

  SwitchStage(String name, List<Case> cases) {
    this.name = name;
    this.cases = List.copyOf(cases);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void init(ProcessorContext<?, ?> context) {
    cases.forEach(c -> c.stages().forEach(s -> s.init(context)));
  }

  @Override
  public List<Record> process(Record record) throws Exception {
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      if (c.check() == null || takes(i, c.check(), record)) {
        List<Record> records = List.of(record);
        for (Stage stage : c.stages()) {
          List<Record> next = new ArrayList<>();
          for (Record r : records) {
            next.addAll(stage.process(r));
          }
          records = next;
        }
        return records;
      }
    }
    return List.of(record);
  }

  private boolean takes(int index, Expression check, Record record) throws PermanentException {
    Object result;
    try {
      result = check.evaluate(record.value(), Map.of());
    } catch (ExpressionException e) {
      throw new PermanentException("the check of case " + index + " failed for this record: " + e.getMessage(), e);
    }
    if (result == null || result instanceof Boolean) {
      return Boolean.TRUE.equals(result);
    }
    throw new PermanentException("the check of case " + index + " (" + check.source() + ") gave "
        + result.getClass().getSimpleName() + " " + result + " instead of true or false; compare it, "
        + "e.g. amount > 0, or test that it is there with $exists(amount)", null);
  }

  @Override
  public void close() {
    cases.forEach(c -> c.stages().forEach(Stage::close));
  }
}
