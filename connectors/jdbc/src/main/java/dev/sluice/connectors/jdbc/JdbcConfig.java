package dev.sluice.connectors.jdbc;

import dev.sluice.api.Problem;
import dev.sluice.api.component.Batching;
import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.config.Durations;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code jdbc} output's configuration, parsed once at start.
 *
 * @param url the JDBC URL, checked by {@link JdbcUrlGuard}
 * @param user the user, or {@code null} for the one in the URL
 * @param password the password, or {@code null}
 * @param table the table to write to
 * @param upsert whether plain records are upserted by key (otherwise inserted)
 * @param key the key columns as configured; empty for the table's primary key
 * @param columns column name to the expression that computes it, in order; empty to map fields to
 *     columns of the same name
 * @param ignoreUnknownFields whether fields without a column are skipped rather than refused
 * @param createTable whether a missing table is created from the first record
 * @param changeEvents whether records shaped like change events are applied as such
 * @param batching how records are gathered for one write
 */
record JdbcConfig(
    String url,
    String user,
    String password,
    TableName table,
    boolean upsert,
    List<String> key,
    Map<String, Expression> columns,
    boolean ignoreUnknownFields,
    boolean createTable,
    boolean changeEvents,
    Batching batching) {

  /**
   * Reads the config of {@code context}, which Sluice validated against {@link
   * JdbcOutputProvider#SPEC}, and runs {@link JdbcConfigCheck} again: the config may have reached
   * this worker by a path that skipped validation.
   *
   * @throws ConfigException with every problem found
   */
  static JdbcConfig from(ComponentContext context) throws ConfigException {
    Map<String, Object> config = context.config();
    List<Problem> problems = new ArrayList<>(new JdbcConfigCheck().check(config));
    for (String required : List.of("url", "table")) {
      if (!(config.get(required) instanceof String)) {
        problems.add(Problem.at(required, null, "'" + required + "' is required: "
            + JdbcOutputProvider.SPEC.field(required).orElseThrow().doc()));
      }
    }
    Map<String, Expression> columns = new LinkedHashMap<>();
    if (config.get("columns") instanceof Map<?, ?> given) {
      given.forEach((column, source) -> compile(context, column.toString(), source, problems)
          .ifPresent(expression -> columns.put(column.toString(), expression)));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    Map<?, ?> batch = config.get("batch") instanceof Map<?, ?> m ? m : Map.of();
    return new JdbcConfig(
        (String) config.get("url"),
        (String) config.get("user"),
        (String) config.get("password"),
        TableName.parse((String) config.get("table")),
        !"insert".equals(config.get("mode")),
        config.get("key") instanceof List<?> key ? key.stream().map(String::valueOf).toList()
            : List.of(),
        columns,
        Boolean.TRUE.equals(config.get("ignoreUnknownFields")),
        Boolean.TRUE.equals(config.get("createTable")),
        !Boolean.FALSE.equals(config.get("changeEvents")),
        new Batching(batchCount(batch), batchPeriod(batch)));
  }

  private static Optional<Expression> compile(
      ComponentContext context, String column, Object source, List<Problem> problems) {
    try {
      return Optional.of(context.expressions().compile(String.valueOf(source)));
    } catch (ExpressionException e) {
      problems.add(Problem.at("columns." + column, String.valueOf(source), e.getMessage()));
      return Optional.empty();
    }
  }

  private static int batchCount(Map<?, ?> batch) {
    Object count = batch.get("count");
    return count instanceof Number n ? n.intValue()
        : ((Number) JdbcOutputProvider.BATCH_SPEC.field("count").orElseThrow().defaultValue())
            .intValue();
  }

  private static Duration batchPeriod(Map<?, ?> batch) {
    Object period = batch.get("period");
    String text = period instanceof String s ? s
        : (String) JdbcOutputProvider.BATCH_SPEC.field("period").orElseThrow().defaultValue();
    return Durations.parse(text).orElseThrow();
  }
}
