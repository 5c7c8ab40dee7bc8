package dev.sluice.connectors.jdbc;

import dev.sluice.api.Problem;
import dev.sluice.api.config.ConfigCheck;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code jdbc} output's rules beyond its spec: a URL the driver may have (see {@link
 * JdbcUrlGuard}), no {@code ${...}} references, a table name of one or two parts, key columns
 * that a created table or a column mapping can provide. Runs during validation and again at start.
 * Pure and thread-safe.
 */
final class JdbcConfigCheck implements ConfigCheck {

  @Override
  public List<Problem> check(Map<String, Object> config) {
    List<Problem> problems = new ArrayList<>();
    if (config.get("url") instanceof String url) {
      problems.addAll(JdbcUrlGuard.check("url", url));
      if (config.get("user") instanceof String user) {
        JdbcUrlGuard.parameters(url).stream()
            .filter(p -> p.name().equals("user") && !p.value().equals(user)).findFirst()
            .ifPresent(p -> problems.add(Problem.at("user", user, "the user differs from the one "
                + "in url (" + p.value() + "), and the driver would take the one in url; keep "
                + "one")));
      }
    }
    for (String field : List.of("user", "table")) {
      if (config.get(field) instanceof String value) {
        ConfigReferences.find(value).ifPresent(
            ref -> problems.add(Problem.at(field, value, ConfigReferences.message(ref))));
      }
    }
    if (config.get("password") instanceof String password) {
      // The value is secret: the problem names the field only.
      ConfigReferences.find(password).ifPresent(ref -> problems.add(Problem.at("password", null,
          "the password holds a ${...} reference, which Sluice does not expand: values are used "
              + "as written; write the password itself")));
    }
    if (config.get("table") instanceof String table) {
      TableName.problem(table)
          .ifPresent(message -> problems.add(Problem.at("table", table, message)));
    }
    List<String> key = strings(config.get("key"));
    checkKey(key, problems);
    boolean upsert = !"insert".equals(config.get("mode"));
    if (upsert && key.isEmpty() && Boolean.TRUE.equals(config.get("createTable"))) {
      problems.add(Problem.at("key", null, "createTable with mode upsert needs key, the columns "
          + "of the new table's primary key, such as key: [id]"));
    }
    if (config.get("columns") instanceof Map<?, ?> columns && !columns.isEmpty()) {
      for (String column : key.stream().filter(k -> !k.isBlank()).distinct().toList()) {
        if (!columns.containsKey(column)) {
          problems.add(Problem.at("columns", null, "the key column '" + column + "' has no "
              + "expression, so no record would have a key; add one, such as " + column + ": "
              + column));
        }
      }
      for (Object column : columns.keySet()) {
        if (column.toString().isBlank()) {
          problems.add(Problem.at("columns", "", "a column name is blank; name the column"));
        }
      }
    }
    return problems;
  }

  private static void checkKey(List<String> key, List<Problem> problems) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < key.size(); i++) {
      String column = key.get(i);
      if (column.isBlank()) {
        problems.add(Problem.at("key[" + i + "]", column, "a key column name is blank; name the "
            + "column, such as id"));
      } else if (!seen.add(column)) {
        problems.add(Problem.at("key[" + i + "]", column, "the key column '" + column
            + "' is listed twice; list each column once"));
      }
    }
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }
}
