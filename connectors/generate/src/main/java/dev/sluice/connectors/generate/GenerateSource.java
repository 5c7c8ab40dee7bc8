package dev.sluice.connectors.generate;

import dev.sluice.api.Problem;
import dev.sluice.api.component.SourceConnector;
import dev.sluice.api.component.SourceContext;
import dev.sluice.api.component.SourceRecord;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.expression.ExpressionException;
import dev.sluice.api.record.Record;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code generate} input: records built by a template from a sequence number.
 *
 * <p>Instance {@code i} of {@code n} generates the sequence numbers {@code i, i+n, i+2n, ...}, so
 * instances never overlap and, with a {@code count}, together generate exactly {@code 0 ..
 * count-1}. The rate is for the whole stream, so each instance makes {@code rate/n} records a
 * second. A record's position is {@code {"seq": <its seq>}}; after a restart the instance goes on
 * after the committed one, skipping nothing and repeating nothing.
 *
 * <p>Each record's value is the template evaluated with no input and {@code $seq} bound; its key
 * the key expression evaluated on that value (with {@code $seq} bound too); its timestamp the time
 * it was made.
 *
 * <p>Used by one thread, as {@link SourceConnector} says.
 */
final class GenerateSource implements SourceConnector {

  private static final Logger log = LoggerFactory.getLogger(GenerateSource.class);

  /** The most records one poll returns. */
  static final int MAX_BATCH = 500;

  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;

  private GenerateConfig config;
  private int instances;
  private long nextSeq;
  private RatePacer pacer;

  /** A source on the system clock. */
  GenerateSource() {
    this(Clock.systemUTC(), System::nanoTime, Sleeper.SYSTEM);
  }

  /**
   * @param clock gives records their timestamps
   * @param nanoTime the monotonic clock the rate is paced by
   * @param sleeper waits for the next record to be due
   */
  GenerateSource(Clock clock, LongSupplier nanoTime, Sleeper sleeper) {
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  @Override
  public void start(SourceContext context) throws ConfigException {
    config = GenerateConfig.from(context);
    instances = context.instances();
    int instance = context.instance();
    nextSeq = instance;
    if (context.committedPosition().isPresent()) {
      long last = lastSeq(context.committedPosition().get());
      // The first seq after the committed one that belongs to this instance.
      nextSeq = last + 1 + Math.floorMod(instance - (last + 1), instances);
    }
    pacer = config.rate() == 0 ? null
        : new RatePacer((double) config.rate() / instances, nanoTime, sleeper);
    String pace = config.rate() == 0 ? "as fast as possible"
        : config.rate() + " records/s for the stream";
    String limit =
        config.count() == GenerateConfig.UNBOUNDED ? "" : ", " + config.count() + " in all";
    log.info("generate for stream {} instance {} of {} starts at seq {} ({}{})", context.stream(),
        instance, instances, nextSeq, pace, limit);
  }

  @Override
  public List<SourceRecord> poll(Duration timeout) throws PermanentException {
    long left = remaining();
    if (left == 0) {
      return List.of();
    }
    int due;
    try {
      due = pacer == null ? MAX_BATCH : pacer.due(MAX_BATCH, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
    List<SourceRecord> batch = new ArrayList<>((int) Math.min(due, left));
    for (int i = 0; i < due && i < left; i++) {
      try {
        batch.add(generate(nextSeq));
      } catch (PermanentException e) {
        if (batch.isEmpty()) {
          throw e;
        }
        break; // hand over what was made; the next poll fails on this seq
      }
      nextSeq += instances;
    }
    if (pacer != null) {
      pacer.emitted(batch.size());
    }
    return batch;
  }

  @Override
  public boolean exhausted() {
    return remaining() == 0;
  }

  @Override
  public void close() {}

  /** How many seqs this instance has still to generate. */
  private long remaining() {
    if (config.count() == GenerateConfig.UNBOUNDED) {
      return Long.MAX_VALUE;
    }
    return nextSeq >= config.count() ? 0 : (config.count() - nextSeq + instances - 1) / instances;
  }

  private SourceRecord generate(long seq) throws PermanentException {
    Map<String, Object> variables = Map.of("seq", seq);
    Object value;
    Object key;
    try {
      value = config.template().evaluate(null, variables);
      key = config.key() == null ? null : config.key().evaluate(value, variables);
    } catch (ExpressionException e) {
      throw new PermanentException("generate failed at seq " + seq + ": " + e.getMessage(), e);
    }
    if (value == null) {
      throw new PermanentException("generate's template gave nothing at seq " + seq
          + "; make it always build a value, such as {\"id\": $seq}", null);
    }
    return new SourceRecord(new Record(key, value, Map.of(), clock.millis()), Map.of("seq", seq));
  }

  private static long lastSeq(Map<String, Object> position) throws ConfigException {
    if (position.get("seq") instanceof Number n && n.doubleValue() == n.longValue()) {
      return n.longValue();
    }
    throw new ConfigException(List.of(Problem.at("position", position.toString(),
        "the stored position has no whole-number 'seq', so generate cannot tell where to go on; "
            + "reset the stream's stored positions to start again from seq 0")));
  }
}
