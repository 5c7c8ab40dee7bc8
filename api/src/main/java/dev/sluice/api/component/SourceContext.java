package dev.sluice.api.component;

import java.util.Map;
import java.util.Optional;

/** A {@link ComponentContext} for sources, with the position to resume from. */
public interface SourceContext extends ComponentContext {

  /**
   * The position of the last record of this instance that reached Kafka durably, as the connector
   * returned it in a {@link SourceRecord}; empty on the first start. Another worker that takes over
   * the instance sees the same position.
   */
  Optional<Map<String, Object>> committedPosition();
}
