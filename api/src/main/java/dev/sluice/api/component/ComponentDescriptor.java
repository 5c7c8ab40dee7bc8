package dev.sluice.api.component;

import dev.sluice.api.config.ConfigCheck;
import dev.sluice.api.config.ConfigSpec;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a component is called, where it fits and how it is configured.
 *
 * @param name the key users write in a stream document, such as {@code kafka} in {@code input:
 *     {kafka: {...}}}; lower case, digits and underscores
 * @param kind input, processor or output; one name may exist once per kind
 * @param summary one sentence for catalogues and generated docs
 * @param spec the component's one config spec
 * @param check the component's rules beyond the spec, {@link ConfigCheck#NONE} when it has none
 */
public record ComponentDescriptor(
    String name, ComponentKind kind, String summary, ConfigSpec spec, ConfigCheck check) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public ComponentDescriptor {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(check, "check");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "component name must match " + NAME + " but was '" + name + "'");
    }
  }

  /** A component whose spec says all there is to check. */
  public ComponentDescriptor(String name, ComponentKind kind, String summary, ConfigSpec spec) {
    this(name, kind, summary, spec, ConfigCheck.NONE);
  }
}
