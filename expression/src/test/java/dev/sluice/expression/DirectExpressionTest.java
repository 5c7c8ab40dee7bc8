package dev.sluice.expression;

import static org.assertj.core.api.Assertions.assertThat;

import com.dashjoin.jsonata.Jsonata;
import dev.sluice.api.expression.ExpressionException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The direct path ({@link DirectParser}) against jsonata-java's own evaluator: on thousands of
 * generated records, every answer the direct path gives must be the library's answer, value and
 * Java type alike; where the library fails, the direct path must defer, not answer.
 */
class DirectExpressionTest {

  private static final int RECORDS = 3_000;
  private static final List<String> FIELDS = List.of("a", "b", "type", "amount", "odd name", "first", "last");

  @ParameterizedTest
  @ValueSource(strings = {
      "a", "a.b", "a.b.c", "`odd name`", "type != 'view'", "type = \"view\"", "a = b", "a != b",
      "amount > 100", "amount >= 2.5", "a < b", "a <= b", "type > 'm'",
      "amount * 100", "amount + a", "a - b - amount", "a / b", "a % 3", "a * (b + 1)", "2 + 3 * a",
      "a > 1 and b < 2", "a > 1 or type = 'view'", "a and b", "a or b", "not_there = 1",
      "{\"user\": a, \"type\": type, \"amount\": amount * 100, \"ts\": b}",
      "{'nested': {'x': a.b, 'y': 1.5e2}, \"flag\": true, 'off': false}", "{}",
      "(a)", "  a  .  b  ", "type & ' ' & b", "a & b", "first & ' ' & last", "1", "'text'", "\"esc\\\"aped\\n\"", "true", "3000000000 * 2"})
  void givesTheLibrarysAnswerOrDefers(String source) throws ExpressionException {
    DirectNode direct = DirectParser.parse(source).orElseThrow(
        () -> new AssertionError("no direct path for " + source));
    JsonataExpression library = libraryOnly(source);
    Random random = new Random(source.hashCode());
    int answered = 0;
    for (int i = 0; i < RECORDS; i++) {
      Map<String, Object> record = record(random, 0);
      Object expected;
      boolean libraryFailed = false;
      try {
        expected = library.evaluate(record, Map.of());
      } catch (ExpressionException e) {
        expected = e;
        libraryFailed = true;
      }
      Object actual;
      try {
        actual = DirectOperators.recordValue(direct.evaluate(record));
      } catch (DirectNode.Defer deferred) {
        continue;
      }
      answered++;
      assertThat(libraryFailed).as("%s on %s: the library failed (%s) but the direct path answered %s",
          source, record, expected, actual).isFalse();
      assertThat(typed(actual)).as("%s on %s", source, record).isEqualTo(typed(expected));
    }
    assertThat(answered).as("records the direct path answered for %s", source).isGreaterThan(RECORDS / 50);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "$x", "$string(a)", "a[0]", "a.b[c > 1]", "a ? b : c", "a in [1, 2]", "null",
      "-a", "a ~> $uppercase()", "a.*", "**.a", "a..b", "/* note */ a", "a{b: c}", "[a, b]",
      "a < b < c", "{'k': 1, 'k': 2}", "{a: 1}", "$", "a := 1", "true.x", "a.`b"})
  void leavesEverythingElseToTheLibrary(String source) {
    assertThat(DirectParser.parse(source)).as(source).isEmpty();
  }

  @Test
  void languageAnswersWithTheDirectPathAndFallsBackOnArrays() throws ExpressionException {
    JsonataLanguage language = new JsonataLanguage();
    var path = language.compile("a.b");

    assertThat(path.evaluate(Map.of("a", Map.of("b", 4)), Map.of())).isEqualTo(4);
    // a is an array: JSONata maps the path over it, which only the library does
    assertThat(path.evaluate(Map.of("a", List.of(Map.of("b", 1), Map.of("b", 2))), Map.of()))
        .isEqualTo(List.of(1, 2));
  }

  private static JsonataExpression libraryOnly(String source) {
    return new JsonataExpression(source, Jsonata.jsonata(source), Clock.systemUTC(),
        new EvaluationLimits(JsonataLanguage.DEFAULT_TIMEOUT, JsonataLanguage.DEFAULT_MAX_DEPTH), null);
  }

  /** A value with the Java type of every number in it, so 5 and 5L and 5.0 differ. */
  private static Object typed(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, typed(v)));
      return List.of("object", new ArrayList<>(out.entrySet()).toString());
    }
    if (value instanceof List<?> list) {
      return list.stream().map(DirectExpressionTest::typed).toList();
    }
    return value == null ? "nothing" : value.getClass().getSimpleName() + ":" + value;
  }

  private static Map<String, Object> record(Random random, int depth) {
    Map<String, Object> record = new HashMap<>();
    for (String field : FIELDS) {
      int kind = random.nextInt(depth < 2 ? 13 : 11);
      switch (kind) {
        case 0 -> { } // absent
        case 1 -> record.put(field, null);
        case 2, 3 -> record.put(field, random.nextInt(7) - 2);
        case 4 -> record.put(field, random.nextLong(-3_000_000_000L, 3_000_000_000L));
        case 5, 6 -> record.put(field, Arrays.asList(-1.5, 0.0, 2.5, 100.0, 150.25, 1e20)
            .get(random.nextInt(6)));
        case 7, 8 -> record.put(field, List.of("view", "buy", "", "m", "zz").get(random.nextInt(5)));
        case 9 -> record.put(field, random.nextBoolean());
        case 10 -> record.put(field, List.of(1, 2));
        default -> record.put(field, record(random, depth + 1));
      }
    }
    if (depth == 0 && random.nextInt(4) == 0) {
      record.put("b", Objects.requireNonNullElse(record.get("a"), 1)); // equal values now and then
    }
    return record;
  }
}
