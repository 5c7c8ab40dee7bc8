package dev.sluice.dataplane.pipeline;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.ComponentProvider;
import dev.sluice.api.component.ProcessorProvider;
import dev.sluice.api.component.SinkConnectorProvider;
import dev.sluice.api.component.SourceConnectorProvider;
import dev.sluice.dataplane.plugins.InstalledProviders;
import dev.sluice.dataplane.plugins.PluginDirectory;
import dev.sluice.dataplane.remote.PluginManifest;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The components a worker can run, by kind and name: built-ins from {@link ServiceLoader} and,
 * through {@link #load(ClassLoader, PluginDirectory)}, plugins, including the out-of-process
 * processor plugins launched from their {@code plugin.yaml}. The {@code kafka}
 * input and output on the system cluster are part of the topology itself and need no provider
 * that runs.
 */
public final class Components {

  private final Map<String, ComponentProvider> providers = new HashMap<>();
  private final PluginDirectory plugins;

  private Components(Iterable<ComponentProvider> found, PluginDirectory plugins) {
    for (ComponentProvider p : found) {
      providers.put(key(p.descriptor().kind(), p.descriptor().name()), p);
    }
    this.plugins = plugins;
  }

  /** Every provider visible to {@code loader}. */
  public static Components load(ClassLoader loader) {
    return new Components(ServiceLoader.load(ComponentProvider.class, loader), PluginDirectory.none());
  }

  /**
   * The built-in providers visible to {@code builtins} plus every loaded plugin's own.
   *
   * @throws dev.sluice.dataplane.plugins.ComponentClashException when two components of one kind
   *     share a name, naming both
   */
  public static Components load(ClassLoader builtins, PluginDirectory plugins) {
    return new Components(InstalledProviders.collect(builtins, plugins), plugins);
  }

  /** Exactly these providers, for tests. */
  public static Components of(List<ComponentProvider> providers) {
    return new Components(providers, PluginDirectory.none());
  }

  /** Every component as {@code kind/name}, for registration with the control plane. */
  public List<String> names() {
    return providers.keySet().stream().sorted().toList();
  }

  /**
   * Every component's descriptor, by kind and name: what {@code ComponentCatalog.of} needs to
   * validate definitions against the same components this worker runs.
   */
  public List<ComponentDescriptor> descriptors() {
    return providers.values().stream().map(ComponentProvider::descriptor)
        .sorted(Comparator.comparing(ComponentDescriptor::kind).thenComparing(ComponentDescriptor::name))
        .toList();
  }

  /**
   * The processor called {@code name}.
   *
   * @throws StreamSetupException when no installed component provides it
   */
  public ProcessorProvider processor(String name) throws StreamSetupException {
    return require(ComponentKind.PROCESSOR, name, ProcessorProvider.class);
  }

  /**
   * The input connector called {@code name}.
   *
   * @throws StreamSetupException when no installed component provides it
   */
  public SourceConnectorProvider source(String name) throws StreamSetupException {
    return require(ComponentKind.INPUT, name, SourceConnectorProvider.class);
  }

  /**
   * The output connector called {@code name}.
   *
   * @throws StreamSetupException when no installed component provides it
   */
  public SinkConnectorProvider sink(String name) throws StreamSetupException {
    return require(ComponentKind.OUTPUT, name, SinkConnectorProvider.class);
  }

  /**
   * The manifest of the out-of-process processor plugin called {@code name}.
   *
   * @throws StreamSetupException when the plugins directory holds no {@code plugin.yaml} with that name
   */
  public PluginManifest processPlugin(String name) throws StreamSetupException {
    return plugins.processPlugin(name).orElseThrow(() -> new StreamSetupException("processor plugin '" + name
        + "' is not installed on this worker: no " + PluginManifest.FILE_NAME + " with name: " + name
        + " in a directory of " + (plugins.root() == null ? "its plugins directory (it has none; start it with --plugins DIR)"
        : plugins.root().toAbsolutePath()) + "; put the plugin there as " + name + "/" + PluginManifest.FILE_NAME
        + ", or give the address of a running plugin instead", null));
  }

  private <T> T require(ComponentKind kind, String name, Class<T> type) throws StreamSetupException {
    ComponentProvider provider = providers.get(key(kind, name));
    if (!type.isInstance(provider)) {
      throw new StreamSetupException(kind.word() + " '" + name + "' is not installed on this worker; "
          + "install its plugin or use another worker", null);
    }
    return type.cast(provider);
  }

  private static String key(ComponentKind kind, String name) {
    return kind.word() + "/" + name;
  }
}
