package dev.sluice.controlplane.http;

import io.javalin.http.Context;

/** Query parameters read the same way on every route, with the same refusal. */
final class QueryParams {

  private QueryParams() {}

  /**
   * The whole number in query parameter {@code name}, {@code otherwise} when it is absent.
   *
   * @throws ApiError 400 naming the parameter, the range and the value, when it is not one from 1
   *     to {@code max}
   */
  static int wholeNumber(Context ctx, String name, int otherwise, int max) {
    String given = ctx.queryParam(name);
    if (given == null) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(given);
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiError.badRequest(name + " must be a whole number from 1 to " + max + ", got '" + given + "'");
  }
}
