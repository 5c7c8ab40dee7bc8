package dev.sluice.api.component;

import dev.sluice.api.expression.ExpressionLanguage;
import java.util.Map;
import java.util.Optional;

/**
 * What Sluice tells a component instance when it starts. Immutable; valid until the component is
 * closed.
 */
public interface ComponentContext {

  /** The stream's id, {@code namespace/name}. */
  String stream();

  /** This instance's index, from 0 to {@link #instances()} - 1. */
  int instance();

  /** How many instances of the stream run, across all workers. */
  int instances();

  /**
   * The component's configuration, validated against its spec, with defaults applied: JSON-like
   * values keyed by field name. Parse it once, in {@code start}, into a typed record.
   */
  Map<String, Object> config();

  /** The expression language, for fields of type {@code EXPRESSION}. */
  ExpressionLanguage expressions();

  /**
   * A setting of the worker that runs this instance, such as {@value #INGEST_PORT}: what several
   * streams on one worker share and no stream document sets.
   */
  default Optional<String> workerSetting(String name) {
    return Optional.empty();
  }

  /** The worker's port for inputs that receive records over HTTP, shared by all streams. */
  String INGEST_PORT = "ingest.port";

  /**
   * The directory file inputs and outputs are confined to; without it they refuse to start, so
   * that a stream document cannot read or write the worker's own files.
   */
  String FILE_ROOT = "file.root";
}
