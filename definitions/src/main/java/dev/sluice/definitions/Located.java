package dev.sluice.definitions;

import java.util.Optional;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeType;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A YAML node together with the document path that leads to it, such as {@code
 * spec.pipeline.processors[1]}.
 */
record Located(String path, Node node) {

  private static final int MAX_RENDERED = 80;

  Located child(String key, Node child) {
    return new Located(path.isEmpty() ? key : path + "." + key, child);
  }

  Located item(int index, Node child) {
    return new Located(path + "[" + index + "]", child);
  }

  /**
   * The node at the dotted {@code relative} path below this one, such as {@code tls.ca}, or the
   * deepest node on the way that exists.
   */
  Located descend(String relative) {
    Located at = this;
    for (String key : relative.isEmpty() ? new String[0] : relative.split("\\.")) {
      if (!(at.node instanceof MappingNode mapping)) {
        return at;
      }
      Located parent = at;
      Optional<Located> next = mapping.getValue().stream()
          .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
          .findFirst()
          .map(t -> parent.child(key, t.getValueNode()));
      if (next.isEmpty()) {
        return at;
      }
      at = next.get();
    }
    return at;
  }

  /** 1-based line of the node's start, or 0 when unknown. */
  int line() {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  /** 1-based column of the node's start, or 0 when unknown. */
  int column() {
    return node.getStartMark().map(Mark::getColumn).map(c -> c + 1).orElse(0);
  }

  /**
   * The 1-based column of the character at {@code offset} in this scalar's value, when each
   * character of the value is one character of the source: a plain or quoted scalar on one line,
   * without escapes. Otherwise (a block scalar, a value over several lines, escapes) the column
   * where the value starts.
   */
  int columnAt(int offset) {
    Optional<Mark> start = node.getStartMark();
    Optional<Mark> end = node.getEndMark();
    if (!(node instanceof ScalarNode s) || offset < 0 || start.isEmpty() || end.isEmpty()
        || start.get().getLine() != end.get().getLine()) {
      return column();
    }
    int quotes = switch (s.getScalarStyle()) {
      case PLAIN -> 0;
      case SINGLE_QUOTED, DOUBLE_QUOTED -> 1;
      default -> -1;
    };
    int written = end.get().getColumn() - start.get().getColumn();
    if (quotes < 0 || written != s.getValue().length() + 2 * quotes) {
      return column();
    }
    return column() + quotes + Math.min(offset, s.getValue().length());
  }

  boolean isNull() {
    return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
  }

  boolean isMapping() {
    return node.getNodeType() == NodeType.MAPPING;
  }

  boolean isSequence() {
    return node.getNodeType() == NodeType.SEQUENCE;
  }

  /** The scalar's text, or {@code null} for a collection. */
  String scalarText() {
    return node instanceof ScalarNode s ? s.getValue() : null;
  }

  /** The value as the user wrote it, in flow style and shortened, for error messages. */
  String render() {
    String text = render(node);
    return text.length() <= MAX_RENDERED ? text : text.substring(0, MAX_RENDERED - 3) + "...";
  }

  /** What the node is, for "expected X, got Y" messages. */
  String describe() {
    if (node instanceof ScalarNode s) {
      Tag tag = s.getTag();
      if (tag.equals(Tag.NULL)) {
        return "an empty value";
      }
      if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
        return "the number " + s.getValue();
      }
      if (tag.equals(Tag.BOOL)) {
        return "the boolean " + s.getValue();
      }
      return "the string \"" + render() + "\"";
    }
    return isMapping() ? "an object" : "a list";
  }

  private static String render(Node node) {
    if (node instanceof ScalarNode s) {
      return s.getValue();
    }
    if (node instanceof SequenceNode seq) {
      return seq.getValue().stream().map(Located::render).collect(Collectors.joining(", ", "[", "]"));
    }
    MappingNode map = (MappingNode) node;
    return map.getValue().stream()
        .map(t -> render(t.getKeyNode()) + ": " + render(t.getValueNode()))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
