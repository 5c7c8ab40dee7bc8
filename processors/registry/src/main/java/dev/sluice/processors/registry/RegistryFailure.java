package dev.sluice.processors.registry;

import com.microsoft.kiota.ApiException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import io.apicurio.registry.rest.client.models.ProblemDetails;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * What went wrong when a serde talked to the registry, read from the exception it threw: the HTTP
 * status the registry answered (0 when it did not answer) and its explanation. Apicurio's client
 * wraps its errors differently per call path, so the cause chain is searched.
 *
 * @param status the registry's HTTP status, or 0 when no answer came (refused, reset, timed out)
 *     or the failure was not the registry's
 * @param reachable whether the registry answered at all
 * @param detail the registry's explanation, or the exception's message
 */
record RegistryFailure(int status, boolean reachable, String detail) {

  /** Reads {@code error}, thrown by an Apicurio serde or schema resolver. */
  static RegistryFailure of(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ProblemDetails problem) {
        int status = problem.getStatus() != null ? problem.getStatus()
            : problem.getResponseStatusCode();
        String detail = problem.getDetail() != null ? problem.getDetail() : problem.getTitle();
        return new RegistryFailure(status, true, String.valueOf(detail));
      }
      if (cause instanceof ApiException api && api.getResponseStatusCode() > 0) {
        return new RegistryFailure(api.getResponseStatusCode(), true, String.valueOf(
            api.getMessage()));
      }
      if (network(cause)) {
        return new RegistryFailure(0, false, cause.getClass().getSimpleName() + ": "
            + cause.getMessage());
      }
    }
    return new RegistryFailure(0, true, String.valueOf(error.getMessage()));
  }

  /**
   * Whether {@code cause} is the connection's: a timeout, the JDK's socket and HTTP client errors
   * (which throw a bare {@link IOException} for a reset), but not the {@code EOFException} of a
   * truncated Avro payload, nor the bare {@code IOException} Apicurio's JSON Schema serde throws
   * for a value that breaks its schema, which no retry mends.
   */
  private static boolean network(Throwable cause) {
    String where = cause.getClass().getPackageName();
    return cause instanceof TimeoutException
        || (cause.getClass() == IOException.class && !thrownByApicurio(cause))
        || (cause instanceof IOException && (where.equals("java.net")
            || where.equals("java.net.http") || where.equals("java.nio.channels")));
  }

  private static boolean thrownByApicurio(Throwable cause) {
    StackTraceElement[] stack = cause.getStackTrace();
    return stack.length > 0 && stack[0].getClassName().startsWith("io.apicurio.");
  }

  /** Whether trying again later may succeed: no answer, 5xx, 408 or 429. */
  boolean transientFailure() {
    return !reachable || status >= 500 || status == 408 || status == 429;
  }

  /** Whether the registry said that what was asked for does not exist. */
  boolean notFound() {
    return status == 404;
  }

  /** A retriable error for a transient failure: {@code what} failed, with the registry's words. */
  RetriableException retriable(String what, String url, Throwable cause) {
    return new RetriableException(what + ": the registry at " + url + " "
        + (reachable ? "answered " + status + " (" + detail + ")" : "is not reachable ("
            + detail + ")") + "; trying again", cause);
  }

  /** A permanent error for the record: {@code what} failed, with the registry's words. */
  PermanentException permanent(String what, Throwable cause) {
    return new PermanentException(what + ": " + (status > 0 ? "the registry answered " + status
        + " (" + detail + ")" : detail), cause);
  }
}
