package dev.sluice.controlplane.http;

import dev.sluice.api.Problem;
import java.util.List;

/**
 * An error answered as {@code application/problem+json}: an HTTP status, a one-line title, a
 * detail that says what to do, and for validation every problem.
 */
final class ApiError extends RuntimeException {

  private final int status;
  private final String title;
  private final List<Problem> problems;

  ApiError(int status, String title, String detail) {
    this(status, title, detail, List.of());
  }

  ApiError(int status, String title, String detail, List<Problem> problems) {
    super(detail);
    this.status = status;
    this.title = title;
    this.problems = List.copyOf(problems);
  }

  int status() {
    return status;
  }

  String title() {
    return title;
  }

  List<Problem> problems() {
    return problems;
  }

  static ApiError badRequest(String detail) {
    return new ApiError(400, "Bad request", detail);
  }
}
