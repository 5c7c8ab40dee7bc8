package dev.sluice.api.expression;

/**
 * Compiles expression source text. Implementations are thread-safe; compile once per stream
 * revision, evaluate per record.
 */
public interface ExpressionLanguage {

  /**
   * Compiles {@code source}.
   *
   * @throws ExpressionException when the text is not a valid expression; its position says where
   */
  Expression compile(String source) throws ExpressionException;
}
