package dev.sluice.api.expression;

/** An expression that does not compile, or a failure evaluating one. */
public final class ExpressionException extends Exception {

  private final int position;

  /**
   * @param position the 0-based character offset in the source where the problem is, or -1
   */
  public ExpressionException(String message, int position, Throwable cause) {
    super(message, cause);
    this.position = position;
  }

  /** 0-based character offset into the source, or -1 when not known. */
  public int position() {
    return position;
  }
}
