package dev.sluice.expression;

import com.dashjoin.jsonata.Jsonata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the part of JSONata that most mappings and filters are written in — field paths ({@code
 * a.b}, {@code `odd name`}), string, number and boolean literals, {@code + - * / % &}, {@code = !=
 * < <= > >=}, {@code and}, {@code or}, parentheses and object constructors with literal keys — into
 * {@link DirectNode}s, with JSONata's precedence. Anything else (variables, functions, arrays,
 * predicates, {@code null}, comments...) is not read: {@link #parse} returns empty and
 * the expression is evaluated by jsonata-java alone. Literals are evaluated by jsonata-java itself
 * when read, so their values are the library's.
 *
 * <p>Only sources that jsonata-java has already compiled come here, so a source this reader
 * refuses is never an error, only an expression without a direct path.
 */
final class DirectParser {

  private static final Set<String> RESERVED = Set.of("and", "or", "in", "null", "function");
  private static final Set<String> COMPARISONS = Set.of("=", "!=", "<", "<=", ">", ">=");

  private final String source;
  private int pos;

  private DirectParser(String source) {
    this.source = source;
  }

  static Optional<DirectNode> parse(String source) {
    DirectParser parser = new DirectParser(source);
    try {
      DirectNode node = parser.disjunction();
      parser.skipSpace();
      return parser.pos == source.length() ? Optional.of(node) : Optional.empty();
    } catch (Unsupported e) {
      return Optional.empty();
    }
  }

  private DirectNode disjunction() {
    DirectNode left = conjunction();
    while (keyword("or")) {
      DirectNode l = left;
      DirectNode r = conjunction();
      left = record -> DirectOperators.truth(l.evaluate(record)) || DirectOperators.truth(r.evaluate(record));
    }
    return left;
  }

  private DirectNode conjunction() {
    DirectNode left = comparison();
    while (keyword("and")) {
      DirectNode l = left;
      DirectNode r = comparison();
      left = record -> DirectOperators.truth(l.evaluate(record)) && DirectOperators.truth(r.evaluate(record));
    }
    return left;
  }

  private DirectNode comparison() {
    DirectNode left = sum();
    String operator = comparisonOperator();
    if (operator == null) {
      return left;
    }
    DirectNode right = sum();
    if (comparisonOperator() != null) {
      throw new Unsupported(); // a chain such as a < b < c compares a boolean: the library says so
    }
    return switch (operator) {
      case "=" -> record -> DirectOperators.equality(true, left.evaluate(record), right.evaluate(record));
      case "!=" -> record -> DirectOperators.equality(false, left.evaluate(record), right.evaluate(record));
      default -> record -> DirectOperators.comparison(operator, left.evaluate(record), right.evaluate(record));
    };
  }

  private DirectNode sum() {
    DirectNode left = product();
    for (char op = arithmeticOperator("+-&"); op != 0; op = arithmeticOperator("+-&")) {
      DirectNode l = left;
      DirectNode r = product();
      left = op == '&'
          ? record -> DirectOperators.concat(l.evaluate(record), r.evaluate(record))
          : arithmetic(op, l, r);
    }
    return left;
  }

  private DirectNode product() {
    DirectNode left = operand();
    for (char op = arithmeticOperator("*/%"); op != 0; op = arithmeticOperator("*/%")) {
      left = arithmetic(op, left, operand());
    }
    return left;
  }

  private static DirectNode arithmetic(char operator, DirectNode left, DirectNode right) {
    return record -> DirectOperators.arithmetic(operator, left.evaluate(record), right.evaluate(record));
  }

  private DirectNode operand() {
    skipSpace();
    if (pos >= source.length()) {
      throw new Unsupported();
    }
    char c = source.charAt(pos);
    if (c == '(') {
      pos++;
      DirectNode inner = disjunction();
      expect(')');
      return inner;
    }
    if (c == '{') {
      return object();
    }
    if (c == '"' || c == '\'') {
      Object value = literal(stringEnd(c));
      return record -> value;
    }
    if (c >= '0' && c <= '9') {
      Object value = literal(numberEnd());
      return record -> value;
    }
    return path();
  }

  private DirectNode object() {
    pos++; // '{'
    Map<String, DirectNode> pairs = new LinkedHashMap<>();
    skipSpace();
    if (peek('}')) {
      pos++;
      return record -> new LinkedHashMap<String, Object>();
    }
    do {
      skipSpace();
      char quote = pos < source.length() ? source.charAt(pos) : 0;
      if (quote != '"' && quote != '\'' || !(literal(stringEnd(quote)) instanceof String key)) {
        throw new Unsupported();
      }
      expect(':');
      if (pairs.put(key, disjunction()) != null) {
        throw new Unsupported(); // the same key twice: the library reports it
      }
      skipSpace();
    } while (consume(','));
    expect('}');
    List<String> keys = List.copyOf(pairs.keySet());
    DirectNode[] values = pairs.values().toArray(DirectNode[]::new);
    return record -> {
      Map<String, Object> result = new LinkedHashMap<>(values.length * 2);
      for (int i = 0; i < values.length; i++) {
        Object value = values[i].evaluate(record);
        if (value != null) {
          result.put(keys.get(i), DirectOperators.recordValue(value));
        }
      }
      return result;
    };
  }

  private DirectNode path() {
    List<String> steps = new ArrayList<>();
    steps.add(name());
    if (steps.get(0).equals("true") || steps.get(0).equals("false")) {
      if (peekAfterSpace('.')) {
        throw new Unsupported();
      }
      Boolean value = Boolean.valueOf(steps.get(0));
      return record -> value;
    }
    while (peekAfterSpace('.')) {
      skipSpace();
      pos++;
      skipSpace();
      steps.add(name());
    }
    String[] names = steps.toArray(String[]::new);
    return record -> {
      Object value = record;
      for (String name : names) {
        value = DirectOperators.field(value, name);
      }
      return value;
    };
  }

  private String name() {
    skipSpace();
    if (peek('`')) {
      int end = source.indexOf('`', pos + 1);
      if (end < 0) {
        throw new Unsupported();
      }
      String name = source.substring(pos + 1, end);
      pos = end + 1;
      return name;
    }
    int start = pos;
    while (pos < source.length() && isNameChar(source.charAt(pos), pos == start)) {
      pos++;
    }
    String name = source.substring(start, pos);
    if (name.isEmpty() || RESERVED.contains(name)) {
      throw new Unsupported();
    }
    skipSpace();
    if (peek('(') || peek('[')) {
      throw new Unsupported(); // a call or a predicate
    }
    return name;
  }

  private static boolean isNameChar(char c, boolean first) {
    return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || !first && c >= '0' && c <= '9';
  }

  private int stringEnd(char quote) {
    int i = pos + 1;
    while (i < source.length() && source.charAt(i) != quote) {
      i += source.charAt(i) == '\\' ? 2 : 1;
    }
    if (i >= source.length()) {
      throw new Unsupported();
    }
    return i + 1;
  }

  private int numberEnd() {
    int i = pos;
    while (i < source.length() && (Character.isDigit(source.charAt(i)) || ".eE".indexOf(source.charAt(i)) >= 0
        || (source.charAt(i) == '-' || source.charAt(i) == '+') && "eE".indexOf(source.charAt(i - 1)) >= 0)) {
      if (source.charAt(i) == '.' && (i + 1 >= source.length() || !Character.isDigit(source.charAt(i + 1)))) {
        break; // 1..5 is a range, 1.a not a number
      }
      i++;
    }
    return i;
  }

  /** Evaluates the source text from here to {@code end} with jsonata-java, as it would. */
  private Object literal(int end) {
    String text = source.substring(pos, end);
    pos = end;
    try {
      Object value = Jsonata.jsonata(text).evaluate(null);
      if (!(value instanceof String || value instanceof Number)) {
        throw new Unsupported();
      }
      return value;
    } catch (RuntimeException e) {
      throw new Unsupported();
    }
  }

  private String comparisonOperator() {
    skipSpace();
    for (String op : List.of("!=", "<=", ">=", "=", "<", ">")) {
      if (source.startsWith(op, pos)) {
        pos += op.length();
        return op;
      }
    }
    return null;
  }

  private char arithmeticOperator(String operators) {
    skipSpace();
    if (pos < source.length() && operators.indexOf(source.charAt(pos)) >= 0) {
      if (source.startsWith("/*", pos) || source.startsWith("**", pos)) {
        throw new Unsupported();
      }
      return source.charAt(pos++);
    }
    return 0;
  }

  private boolean keyword(String word) {
    skipSpace();
    int end = pos + word.length();
    if (source.startsWith(word, pos) && (end == source.length() || !isNameChar(source.charAt(end), false))) {
      pos = end;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    skipSpace();
    if (!consume(c)) {
      throw new Unsupported();
    }
  }

  private boolean consume(char c) {
    if (peek(c)) {
      pos++;
      return true;
    }
    return false;
  }

  private boolean peek(char c) {
    return pos < source.length() && source.charAt(pos) == c;
  }

  private boolean peekAfterSpace(char c) {
    skipSpace();
    return peek(c);
  }

  private void skipSpace() {
    while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
      pos++;
    }
  }

  /** The source uses something outside the direct subset. */
  private static final class Unsupported extends RuntimeException {

    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }
}
