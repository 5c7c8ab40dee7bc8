package dev.sluice.expression;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import java.time.Clock;
import java.util.List;

/**
 * {@code $now()} and {@code $millis()}, reading a {@link Clock} once per evaluation.
 *
 * <p>Why not the library's own: jsonata-java reads the time from a per-thread copy of whichever
 * expression that thread compiled or evaluated first, and never refreshes that copy, so on a
 * long-lived worker thread {@code $now()} returns a time that is minutes or days old. These
 * replacements are bound into every compiled expression instead.
 *
 * <p>The instant is taken lazily, at the first call in an evaluation, so expressions that never
 * ask for the time never read the clock. State is per thread; an evaluation runs on one thread.
 */
final class EvaluationTime {

  private static final long UNSET = Long.MIN_VALUE;

  private static final ThreadLocal<EvaluationTime> CURRENT =
      ThreadLocal.withInitial(EvaluationTime::new);

  private static final JFunction MILLIS = new JFunction((input, args) -> now(), "<:n>");

  private static final JFunction NOW = new JFunction(
      (input, args) -> Functions.dateTimeFromMillis(now(), arg(args, 0), arg(args, 1)),
      "<s?s?:s>");

  private Clock clock;
  private long millis = UNSET;

  private EvaluationTime() {}

  /** Replaces {@code $now} and {@code $millis} in {@code compiled} with clock-backed ones. */
  static void install(Jsonata compiled) {
    compiled.registerFunction("millis", MILLIS);
    compiled.registerFunction("now", NOW);
  }

  /** Starts an evaluation on this thread whose time comes from {@code clock}. */
  static void begin(Clock clock) {
    EvaluationTime time = CURRENT.get();
    time.clock = clock;
    time.millis = UNSET;
  }

  private static long now() {
    EvaluationTime time = CURRENT.get();
    if (time.millis == UNSET) {
      time.millis = time.clock.millis();
    }
    return time.millis;
  }

  private static String arg(List<?> args, int index) {
    return args.size() > index ? (String) args.get(index) : null;
  }
}
