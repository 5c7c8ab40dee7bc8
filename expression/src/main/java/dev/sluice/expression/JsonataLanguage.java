package dev.sluice.expression;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import dev.sluice.api.expression.ExpressionLanguage;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Sluice's one expression language: <a href="https://jsonata.org">JSONata</a>, as implemented by
 * dashjoin's jsonata-java. Why JSONata is in {@code docs/adr/0003-expression-language.md}.
 *
 * <p>Each source is compiled once; the {@link Expression} returned evaluates JSON-like Java values
 * (maps, lists, strings, numbers, booleans, null) as they are, without converting them, and may be
 * evaluated by many threads at once. Variables given at evaluation are visible as {@code $name}.
 *
 * <p>Sandbox: an expression sees its input, its variables and JSONata's built-in functions only.
 * No Java function is registered, inputs must be JSON-like, so no expression reaches a Java class,
 * a file or the network. Each evaluation is bounded: nesting deeper than {@code maxDepth} or
 * running longer than {@code timeout} fails that evaluation, so a runaway recursion or loop costs
 * one record, not a worker.
 *
 * <p>{@code $now()} and {@code $millis()} read the clock given here, once per evaluation: every
 * call within one evaluation returns the same instant.
 *
 * <p>Thread-safe.
 */
public final class JsonataLanguage implements ExpressionLanguage {

  /** How long one evaluation may run before it fails. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

  /**
   * How deep one evaluation may nest (each operator, path step and function call is a level).
   * Ordinary mappings stay below 30; 500 leaves room for recursive functions and stays far from
   * the stack size of a default Java thread.
   */
  public static final int DEFAULT_MAX_DEPTH = 500;

  private final Clock clock;
  private final EvaluationLimits limits;

  /** The language with the system clock and the default limits. */
  public JsonataLanguage() {
    this(Clock.systemUTC(), DEFAULT_TIMEOUT, DEFAULT_MAX_DEPTH);
  }

  /**
   * @param clock what {@code $now()} and {@code $millis()} read
   * @param timeout how long one evaluation may run, positive
   * @param maxDepth how deep one evaluation may nest, at least 1
   */
  public JsonataLanguage(Clock clock, Duration timeout, int maxDepth) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.limits = new EvaluationLimits(timeout, maxDepth);
  }

  /**
   * Compiles {@code source}.
   *
   * @throws ExpressionException for an empty or invalid expression; the message says what is
   *     wrong, at which character, and how to fix it; {@link ExpressionException#position()} is
   *     the 0-based offset of the offending character, or the length of the source when the
   *     expression ends too early
   */
  @Override
  public Expression compile(String source) throws ExpressionException {
    Objects.requireNonNull(source, "source");
    if (source.isBlank()) {
      throw new ExpressionException(
          "the expression is empty; write one, such as amount > 100", 0, null);
    }
    Jsonata compiled;
    try {
      compiled = Jsonata.jsonata(source);
    } catch (JException e) {
      throw JsonataErrors.syntax(source, e);
    } catch (RuntimeException e) {
      throw new ExpressionException("the expression cannot be read: " + e.getMessage(), -1, e);
    }
    return new JsonataExpression(source, compiled, clock, limits, DirectParser.parse(source).orElse(null));
  }
}
