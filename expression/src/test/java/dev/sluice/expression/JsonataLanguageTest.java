package dev.sluice.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JsonataLanguageTest {

  private static final Map<String, Object> EVENT = Map.of(
      "user", "u-42", "first", "Ada", "last", "Lovelace", "type", "purchase",
      "amount", 2.5, "quantity", 2, "currency", "EUR");

  private final JsonataLanguage language = new JsonataLanguage();

  private Object eval(String source, Object input) throws ExpressionException {
    return language.compile(source).evaluate(input, Map.of());
  }

  @Test
  void mapsAnObjectToANewOne() throws ExpressionException {
    Object result = eval("""
        {"user": user, "name": first & " " & last, "total": amount * quantity, "currency": currency}
        """, EVENT);

    assertThat(result).isEqualTo(
        Map.of("user", "u-42", "name", "Ada Lovelace", "total", 5, "currency", "EUR"));
  }

  @Test
  void wholeNumbersComeBackAsIntegersAndFractionsAsDoubles() throws ExpressionException {
    @SuppressWarnings("unchecked")
    List<Object> numbers =
        (List<Object>) eval("[amount * quantity, amount + 1, 3000000000 * 2, 7 / 2]", EVENT);

    assertThat(numbers).containsExactly(5, 3.5, 6_000_000_000L, 3.5);
    assertThat(numbers).extracting(n -> n.getClass().getSimpleName())
        .containsExactly("Integer", "Double", "Long", "Double");
  }

  @Test
  void evaluatesPredicates() throws ExpressionException {
    Expression predicate = language.compile("type != 'view' and amount > 100");

    assertThat(predicate.evaluate(Map.of("type", "buy", "amount", 150), Map.of())).isEqualTo(true);
    assertThat(predicate.evaluate(Map.of("type", "view", "amount", 150), Map.of())).isEqualTo(false);
    assertThat(predicate.evaluate(Map.of("type", "buy"), Map.of())).isEqualTo(false);
  }

  @Test
  void bindsVariablesByNameWithoutTheDollar() throws ExpressionException {
    Expression template = language.compile("{\"id\": $seq, \"even\": $seq % 2 = 0}");

    assertThat(template.evaluate(null, Map.of("seq", 42L)))
        .isEqualTo(Map.of("id", 42L, "even", true));
    assertThat(template.source()).isEqualTo("{\"id\": $seq, \"even\": $seq % 2 = 0}");
  }

  @Test
  void nothingAndNullBothBecomeJavaNull() throws ExpressionException {
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("a", null);
    withNull.put("b", List.of(1));

    assertThat(eval("missing", EVENT)).isNull();
    assertThat(eval("null", EVENT)).isNull();
    assertThat(eval("{\"a\": null, \"b\": [1]}", EVENT)).isEqualTo(withNull);
    assertThat(eval("[1, null]", EVENT)).isEqualTo(Arrays.asList(1, null));
  }

  @Test
  void resultListsArePlainArrayLists() throws ExpressionException {
    Map<String, Object> order = Map.of("items", List.of(Map.of("sku", "a"), Map.of("sku", "b")));

    assertThat(eval("items.sku", order))
        .isEqualTo(List.of("a", "b")).isExactlyInstanceOf(ArrayList.class);
    assertThat(eval("[1..3]", order))
        .isEqualTo(List.of(1, 2, 3)).isExactlyInstanceOf(ArrayList.class);
    assertThat(eval("{\"skus\": items.sku}", order)).isEqualTo(Map.of("skus", List.of("a", "b")))
        .extracting(m -> ((Map<?, ?>) m).get("skus")).isExactlyInstanceOf(ArrayList.class);
  }

  @Test
  void aSyntaxErrorSaysWhereAndHowToFixIt() {
    assertThatThrownBy(() -> language.compile("total >"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("syntax error at the end of the expression: Unexpected end of expression; "
            + "complete the expression")
        .extracting(e -> ((ExpressionException) e).position()).isEqualTo(7);
    assertThatThrownBy(() -> language.compile("a == 1"))
        .hasMessage("syntax error at character 4 of the expression: The symbol \"=\" cannot be used "
            + "as a unary operator; JSONata compares with a single =, as in type = 'view'")
        .extracting(e -> ((ExpressionException) e).position()).isEqualTo(3);
    assertThatThrownBy(() -> language.compile("type != 'view' and amount >> 100"))
        .extracting(e -> ((ExpressionException) e).position()).isEqualTo(27);
    assertThatThrownBy(() -> language.compile("foo bar"))
        .hasMessageStartingWith(
            "syntax error at character 5 of the expression: Syntax error: \"bar\"")
        .extracting(e -> ((ExpressionException) e).position()).isEqualTo(4);
    assertThatThrownBy(() -> language.compile("  "))
        .hasMessage("the expression is empty; write one, such as amount > 100");
  }

  @Test
  void aRuntimeErrorIsAnExpressionExceptionWithAHint() throws ExpressionException {
    Expression concat = language.compile("first + ' ' + last");
    Expression unknown = language.compile("$roud(amount)");
    Expression wrongArguments = language.compile("$sum(1, 2, 3)");

    assertThatThrownBy(() -> concat.evaluate(EVENT, Map.of()))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("evaluation failed: The left side of the \"+\" operator must evaluate to a "
            + "number; join strings with &, as in first & ' ' & last, or turn text into a number "
            + "with $number()");
    assertThatThrownBy(() -> unknown.evaluate(EVENT, Map.of()))
        .hasMessageContaining("Attempted to invoke a non-function; check the function's name")
        .extracting(e -> ((ExpressionException) e).position()).isEqualTo(1);
    assertThatThrownBy(() -> wrongArguments.evaluate(EVENT, Map.of()))
        .hasMessageContaining("of function")
        .hasMessageNotContaining("Object");
  }

  @Test
  void refusesInputsAndResultsThatAreNotJson() throws ExpressionException {
    assertThatThrownBy(() -> eval("a", Map.of("a", new byte[] {1})))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("Only JSON types");
    assertThatThrownBy(() -> eval("$string", EVENT))
        .hasMessageStartingWith("the expression gives a function, which is not a JSON value");
    assertThatThrownBy(() -> eval("{\"f\": function($x) { $x }}", EVENT))
        .hasMessageStartingWith("the expression gives a function");
  }

  @Test
  void reachesNoJavaBeyondJsonataBuiltIns() throws ExpressionException {
    assertThatThrownBy(() -> eval("$exec('id')", EVENT)).hasMessageContaining("non-function");
    assertThatThrownBy(() -> eval("$readFile('/etc/passwd')", EVENT))
        .hasMessageContaining("non-function");
    assertThatThrownBy(() -> eval("$", Map.of("file", new File("/etc/passwd"))))
        .hasMessageContaining("Only JSON types");
    assertThat(eval("$eval('1 + 1')", EVENT)).isEqualTo(2);
  }

  @Test
  void stopsARunawayRecursionByDepth() throws ExpressionException {
    Expression endless = language.compile("($f := function($n) { 1 + $f($n + 1) }; $f(0))");
    Expression deepEnough =
        language.compile("($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(50))");

    assertThatThrownBy(() -> endless.evaluate(null, Map.of()))
        .hasMessageStartingWith("the expression nests deeper than 500 levels");
    assertThat(deepEnough.evaluate(null, Map.of())).isEqualTo(50);
  }

  @Test
  void stopsARunawayLoopByTime() throws ExpressionException {
    JsonataLanguage impatient = new JsonataLanguage(Clock.systemUTC(), Duration.ofMillis(50), 500);
    // A tail call does not nest, so only the time limit stops it.
    Expression endless = impatient.compile("($f := function($n) { $f($n + 1) }; $f(0))");

    assertThatThrownBy(() -> endless.evaluate(null, Map.of()))
        .hasMessageStartingWith("the expression ran longer than 50 ms");
  }

  @Test
  void nowAndMillisReadTheLanguagesClockOnEveryEvaluation() throws Exception {
    MutableClock clock = new MutableClock(1_700_000_000_000L);
    JsonataLanguage timed = new JsonataLanguage(clock, Duration.ofSeconds(1), 500);
    Expression stamp = timed.compile("[$millis(), $now()]");
    // jsonata-java's own $millis() returns a stale time once the thread compiled another expression.
    timed.compile("1");
    clock.set(1_700_000_060_000L);

    assertThat(stamp.evaluate(null, Map.of()))
        .isEqualTo(List.of(1_700_000_060_000L, "2023-11-14T22:14:20.000Z"));
    // ... and on any other thread after its first evaluation there.
    AtomicReference<Object> later = new AtomicReference<>();
    Thread other = Thread.ofPlatform().start(() -> {
      try {
        stamp.evaluate(null, Map.of());
        clock.set(1_700_000_120_000L);
        later.set(stamp.evaluate(null, Map.of()));
      } catch (ExpressionException e) {
        later.set(e);
      }
    });
    other.join();
    assertThat(later.get()).isEqualTo(List.of(1_700_000_120_000L, "2023-11-14T22:15:20.000Z"));
  }

  @Test
  void oneCompiledExpressionServesManyThreadsAtOnce() throws Exception {
    // $$ is the root input, which jsonata-java looks up in the evaluation's frame: evaluated
    // without a frame of its own per call, about one result in ten here holds another thread's id.
    Expression mapping = language.compile(
        "{\"id\": $$.id, \"label\": name & '-' & $string(id), \"double\": id * 2, \"seq\": $seq}");
    int threads = 8;
    int perThread = 2_000;
    List<Thread> workers = new ArrayList<>();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      int offset = t * perThread;
      workers.add(Thread.ofPlatform().start(() -> {
        for (int i = offset; i < offset + perThread; i++) {
          try {
            Object result =
                mapping.evaluate(Map.of("id", i, "name", "n" + i), Map.of("seq", (long) -i));
            Map<String, Object> expected =
                Map.of("id", i, "label", "n" + i + "-" + i, "double", i * 2, "seq", (long) -i);
            if (!expected.equals(result)) {
              failures.add(i + ": " + result);
            }
          } catch (ExpressionException e) {
            failures.add(i + ": " + e.getMessage());
          }
        }
      }));
    }
    for (Thread worker : workers) {
      worker.join();
    }

    assertThat(failures).isEmpty();
  }

  /** A clock tests move by hand. */
  private static final class MutableClock extends Clock {
    private volatile long millis;

    MutableClock(long millis) {
      this.millis = millis;
    }

    void set(long millis) {
      this.millis = millis;
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
