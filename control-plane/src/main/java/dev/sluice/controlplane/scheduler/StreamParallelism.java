package dev.sluice.controlplane.scheduler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code spec.parallelism} from a revision's canonical definition JSON. The control plane
 * stores that JSON after validation, so it always holds a positive integer; a revision without a
 * definition (saved paused and invalid) runs no instance. Thread-safe.
 */
final class StreamParallelism {

  private static final Logger log = LoggerFactory.getLogger(StreamParallelism.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private StreamParallelism() {}

  /**
   * The number of instances the definition asks for; 0 when {@code definitionJson} is null or
   * holds no positive integer there (logged, so that one broken row cannot stop the scheduler).
   */
  static int of(StreamKey stream, long revision, String definitionJson) {
    if (definitionJson == null) {
      return 0;
    }
    try {
      JsonNode parallelism = JSON.readTree(definitionJson).path("spec").path("parallelism");
      if (parallelism.canConvertToInt() && parallelism.intValue() > 0) {
        return parallelism.intValue();
      }
      log.warn("stream {} revision {}: spec.parallelism is {}, not a positive integer; "
          + "running no instance until a valid revision is saved", stream, revision, parallelism);
    } catch (JsonProcessingException e) {
      log.warn("stream {} revision {}: definition_json is not JSON ({}); running no instance "
          + "until a valid revision is saved", stream, revision, e.getOriginalMessage());
    }
    return 0;
  }
}
