package dev.sluice.dataplane.plugins;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentProvider;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The built-in providers and every plugin's, checked so that each {@code kind/name} exists once:
 * a clash is refused rather than resolved by load order, since a stream would silently run a
 * component other than the one its author meant.
 */
public final class InstalledProviders {

  private InstalledProviders() {}

  /**
   * The providers {@link ServiceLoader} finds through {@code builtins}, then those of each plugin.
   *
   * @throws ComponentClashException naming both sides of every clash
   */
  public static List<ComponentProvider> collect(ClassLoader builtins, PluginDirectory plugins) {
    Map<String, String> origins = new LinkedHashMap<>();
    List<ComponentProvider> providers = new ArrayList<>();
    List<String> clashes = new ArrayList<>();
    for (ComponentProvider builtin : ServiceLoader.load(ComponentProvider.class, builtins)) {
      add(builtin, "the built-in " + location(builtin), origins, providers, clashes);
    }
    for (Plugin plugin : plugins.plugins()) {
      for (ComponentProvider provider : plugin.providers()) {
        add(provider, plugin + " (" + provider.getClass().getName() + ")", origins, providers, clashes);
      }
    }
    if (!clashes.isEmpty()) {
      throw new ComponentClashException(clashes);
    }
    return providers;
  }

  private static void add(ComponentProvider provider, String origin, Map<String, String> origins,
      List<ComponentProvider> providers, List<String> clashes) {
    ComponentDescriptor d = provider.descriptor();
    String key = d.kind().word() + "/" + d.name();
    String before = origins.putIfAbsent(key, origin);
    if (before == null) {
      providers.add(provider);
    } else {
      clashes.add(d.kind().word() + " '" + d.name() + "' is provided twice: by " + before + " and by " + origin
          + "; remove one of them from the plugins directory or rename the plugin's component");
    }
  }

  private static String location(ComponentProvider provider) {
    CodeSource source = provider.getClass().getProtectionDomain().getCodeSource();
    String where = source == null || source.getLocation() == null ? "class path" : source.getLocation().toString();
    return provider.getClass().getName() + " from " + where;
  }
}
