package dev.sluice.connectors.dev;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.SinkConnector;
import dev.sluice.api.record.Record;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** Logs records as {@code <stream> key=<key> value=<value>} under the logger {@code sluice.output.log}. */
final class LogOutput implements SinkConnector {

  private static final Logger log = LoggerFactory.getLogger("sluice.output.log");

  private Level level;
  private long every;
  private String stream;
  private long seen;

  @Override
  public void start(ComponentContext context) {
    level = Level.valueOf(((String) context.config().get("level")).toUpperCase(Locale.ROOT));
    every = ((Number) context.config().get("every")).longValue();
    stream = context.stream();
  }

  @Override
  public void write(List<Record> batch) {
    for (Record record : batch) {
      if (seen++ % every == 0) {
        log.atLevel(level).log("{} key={} value={}", stream, record.key(), record.value());
      }
    }
  }

  @Override
  public void close() {}
}
