package dev.sluice.processors.transform;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.Processor;
import dev.sluice.api.component.ProcessorProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;
import dev.sluice.api.config.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Announces the {@code rate_limit} processor and creates its instances. */
public final class RateLimitProvider implements ProcessorProvider {

  /** Longer than this and a waiting record would hold its Kafka Streams task past its poll interval. */
  static final Duration MAX_INTERVAL = Duration.ofMinutes(1);

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("count", ConfigType.INTEGER)
          .required()
          .min(1)
          .doc("How many records may pass per interval, for the whole stream: each of its instances "
              + "takes an equal share. Records beyond it wait; none is dropped.")
          .examples("100"))
      .field(ConfigField.builder("interval", ConfigType.DURATION)
          .defaultValue("1s")
          .doc("The interval 'count' is per, at most 1m. After a quiet spell up to one interval's "
              + "worth of records pass at once."))
      .shorthand("count")
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("rate_limit", ComponentKind.PROCESSOR,
        "Holds records back so that at most a number of them pass per interval.", SPEC, RateLimitProvider::check);
  }

  @Override
  public Processor create() {
    return new RateLimitProcessor(System::nanoTime, RateLimitProcessor::sleep);
  }

  static List<Problem> check(Map<String, Object> config) {
    Optional<Duration> interval = config.get("interval") instanceof String text ? Durations.parse(text)
        : Optional.empty();
    if (interval.isPresent() && (interval.get().isZero() || interval.get().compareTo(MAX_INTERVAL) > 0)) {
      return List.of(Problem.at("interval", String.valueOf(config.get("interval")), "interval must be longer than 0 "
          + "and at most 1m, as a record waits on its stream's processing thread; for a slower rate, "
          + "divide: count: 1, interval: 1m is one a minute"));
    }
    return List.of();
  }
}
