package dev.sluice.dataplane.plugins;

import java.util.List;

/**
 * Two components of the same kind share a name, so a stream definition could not say which one it
 * means. The message names both origins of every clash and the fix.
 */
public final class ComponentClashException extends IllegalStateException {

  private final List<String> clashes;

  ComponentClashException(List<String> clashes) {
    super(String.join("\n", clashes));
    this.clashes = List.copyOf(clashes);
  }

  /** One sentence per clash. */
  public List<String> clashes() {
    return clashes;
  }
}
