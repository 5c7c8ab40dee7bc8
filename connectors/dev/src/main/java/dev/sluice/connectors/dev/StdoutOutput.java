package dev.sluice.connectors.dev;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.SinkConnector;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.record.Record;
import java.io.PrintStream;
import java.util.List;

/**
 * The {@code stdout} output: each record as one JSON line on the worker's standard output, a
 * batch written with one call and flushed before {@link #write} returns.
 *
 * <p>One call per batch keeps the lines of a batch whole and together even when log lines go to
 * the same stream. {@link System#out} is taken at start, so a redirected standard output is
 * honoured. A stream that fails (a closed pipe, a full disk behind a redirect) makes the write
 * retriable; {@link PrintStream} keeps its error flag once set, so the output stays failed until
 * the worker restarts.
 *
 * <p>Used by one thread, as {@link SinkConnector} says.
 */
final class StdoutOutput implements SinkConnector {

  private PrintStream out;
  private LineFormat format;

  @Override
  public void start(ComponentContext context) {
    out = System.out;
    format = LineFormat.of(context.config().get("format"));
  }

  @Override
  public void write(List<Record> batch) throws RetriableException, PermanentException {
    LineFormat.Lines lines = format.lines(batch);
    out.write(lines.bytes(), 0, lines.bytes().length);
    if (out.checkError()) {
      throw new RetriableException("standard output did not take the batch (a closed pipe, or a "
          + "full disk behind a redirect?); it is written again after a pause", null);
    }
    if (lines.refused() != null) {
      throw lines.refused();
    }
  }

  @Override
  public void close() {}
}
