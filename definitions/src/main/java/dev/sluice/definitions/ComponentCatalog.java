package dev.sluice.definitions;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.ComponentProvider;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The components Sluice knows, by kind and name. Immutable. */
public final class ComponentCatalog {

  private final Map<ComponentKind, Map<String, ComponentDescriptor>> byKind =
      new EnumMap<>(ComponentKind.class);

  private ComponentCatalog(Collection<ComponentDescriptor> descriptors) {
    for (ComponentKind kind : ComponentKind.values()) {
      byKind.put(kind, new TreeMap<>());
    }
    for (ComponentDescriptor d : descriptors) {
      ComponentDescriptor before = byKind.get(d.kind()).put(d.name(), d);
      if (before != null) {
        throw new IllegalArgumentException(
            "two " + d.kind().word() + " components are called '" + d.name() + "'");
      }
    }
  }

  /** A catalogue of exactly these components. */
  public static ComponentCatalog of(Collection<ComponentDescriptor> descriptors) {
    return new ComponentCatalog(descriptors);
  }

  /** Every component announced through {@link ServiceLoader} by {@code loader}. */
  public static ComponentCatalog load(ClassLoader loader) {
    return of(
        ServiceLoader.load(ComponentProvider.class, loader).stream()
            .map(p -> p.get().descriptor())
            .toList());
  }

  /** The component of this kind and name, if known. */
  public Optional<ComponentDescriptor> find(ComponentKind kind, String name) {
    return Optional.ofNullable(byKind.get(kind).get(name));
  }

  /** The names of all components of this kind, sorted. */
  public List<String> names(ComponentKind kind) {
    return List.copyOf(byKind.get(kind).keySet());
  }

  /** All components, by kind then name. */
  public List<ComponentDescriptor> all() {
    return byKind.values().stream().flatMap(m -> m.values().stream()).toList();
  }
}
