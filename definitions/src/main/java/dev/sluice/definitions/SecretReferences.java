package dev.sluice.definitions;

import dev.sluice.api.definition.ComponentConfig;
import dev.sluice.api.definition.StreamDefinition;
import dev.sluice.api.definition.StreamSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * References to stored secrets in component configs: a string value that is exactly {@code
 * ${secret:NAME}} stands for the secret {@code NAME} in the stream's namespace (ADR 12). The
 * reference text is what is stored, published and shown; only a worker starting an instance swaps
 * it for the value ({@link #resolve}). Stateless and thread-safe.
 */
public final class SecretReferences {

  private static final String PREFIX = "${secret:";
  private static final String SUFFIX = "}";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,251}[A-Za-z0-9])?");

  private SecretReferences() {}

  /** Whether {@code name} is a valid secret name: letters, digits, '-', '_' and '.', at most 253. */
  public static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** The reference text for the secret {@code name}: {@code ${secret:name}}. */
  public static String reference(String name) {
    return PREFIX + name + SUFFIX;
  }

  /** The secret name when {@code value} is exactly a well-formed reference; empty otherwise. */
  public static Optional<String> name(Object value) {
    if (value instanceof String text && text.startsWith(PREFIX) && text.endsWith(SUFFIX)) {
      String name = text.substring(PREFIX.length(), text.length() - SUFFIX.length());
      return validName(name) ? Optional.of(name) : Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * Why {@code value} is a malformed reference, or empty when it is a well-formed one or no
   * reference at all.
   */
  static Optional<String> problem(String value) {
    int at = value.indexOf(PREFIX);
    if (at < 0 || name(value).isPresent()) {
      return Optional.empty();
    }
    if (at > 0 || !value.endsWith(SUFFIX)) {
      return Optional.of("a secret reference must be the whole value, written ${secret:NAME}; store the "
          + "whole value (for example 'Bearer abc') as the secret and write only its reference here");
    }
    String name = value.substring(PREFIX.length(), value.length() - SUFFIX.length());
    return Optional.of("'" + name + "' is not a valid secret name: use letters, digits, '-', '_' and '.', "
        + "starting and ending with a letter or digit, as in ${secret:db-password}");
  }

  /**
   * Every reference in {@code stream}'s component configs, by the path of the value that holds
   * it (such as {@code spec.input.http_server.token}), in document order.
   */
  public static Map<String, String> in(StreamDefinition stream) {
    Map<String, String> found = new LinkedHashMap<>();
    StreamSpec spec = stream.spec();
    collect("spec.input." + spec.input().type(), spec.input().config(), found);
    for (int i = 0; i < spec.processors().size(); i++) {
      ComponentConfig p = spec.processors().get(i);
      collect("spec.pipeline.processors[" + i + "]." + p.type(), p.config(), found);
    }
    collect("spec.output." + spec.output().type(), spec.output().config(), found);
    return found;
  }

  /** The names of the secrets {@code stream} refers to, sorted. */
  public static Set<String> names(StreamDefinition stream) {
    return new TreeSet<>(in(stream).values());
  }

  /**
   * {@code stream} with every reference replaced by its value from {@code values}.
   *
   * @throws IllegalArgumentException when a referenced name has no value (naming it, never a value)
   */
  public static StreamDefinition resolve(StreamDefinition stream, Map<String, String> values) {
    UnaryOperator<Object> swap = value -> name(value).map(name -> {
      String resolved = values.get(name);
      if (resolved == null) {
        throw new IllegalArgumentException("secret '" + name + "' has no value to resolve it with");
      }
      return (Object) resolved;
    }).orElse(value);
    StreamSpec s = stream.spec();
    List<ComponentConfig> processors = s.processors().stream().map(p -> replaced(p, swap)).toList();
    return new StreamDefinition(stream.metadata(), new StreamSpec(s.state(), s.parallelism(), s.guarantee(),
        replaced(s.input(), swap), processors, replaced(s.output(), swap), s.errors()));
  }

  private static void collect(String path, Object value, Map<String, String> found) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collect(path + "." + k, v, found));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        collect(path + "[" + i + "]", list.get(i), found);
      }
    } else {
      name(value).ifPresent(name -> found.put(path, name));
    }
  }

  private static ComponentConfig replaced(ComponentConfig component, UnaryOperator<Object> swap) {
    @SuppressWarnings("unchecked")
    Map<String, Object> config = (Map<String, Object>) replaced(component.config(), swap);
    return new ComponentConfig(component.type(), config);
  }

  private static Object replaced(Object value, UnaryOperator<Object> swap) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), replaced(v, swap)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(replaced(v, swap)));
      return copy;
    }
    return swap.apply(value);
  }
}
