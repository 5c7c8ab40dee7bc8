package dev.sluice.dataplane.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.config.Durations;
import dev.sluice.api.definition.ComponentConfig;
import dev.sluice.dataplane.pipeline.Components;
import dev.sluice.dataplane.pipeline.StreamPlan;
import dev.sluice.dataplane.pipeline.StreamSetupException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plugins of one out-of-process stage of a stream instance: each {@code plugin} processor's
 * process launched from its manifest (or its address, for one that runs elsewhere) and a {@link
 * RemoteProcessor} connected to it. The processes live as long as the instance: {@link #close}
 * stops them.
 */
public final class StagePlugins implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<PluginProcess> processes = new ArrayList<>();
  private final List<RemoteStage.Plugin> plugins = new ArrayList<>();

  private StagePlugins() {}

  /**
   * Launches or reaches the plugins of {@code segment} of the plan's stream.
   *
   * @param streamId the stream instance, such as {@code ns/name#0}, for log lines and errors
   * @throws StreamSetupException when a plugin is not installed on this worker or does not start;
   *     plugins started before are stopped again
   */
  public static StagePlugins open(StreamPlan plan, StreamPlan.Segment segment, Components components,
      String streamId) throws StreamSetupException, InterruptedException {
    StagePlugins stage = new StagePlugins();
    try {
      List<ComponentConfig> processors = plan.definition().spec().processors();
      for (int i = segment.from(); i < segment.to(); i++) {
        stage.add(plan.stageName(i), processors.get(i).config(), components, streamId);
      }
      return stage;
    } catch (StreamSetupException | InterruptedException | RuntimeException e) {
      stage.close();
      throw e;
    }
  }

  private void add(String stageName, Map<String, Object> config, Components components, String streamId)
      throws StreamSetupException, InterruptedException {
    String target;
    String pluginName = (String) config.get("name");
    if (pluginName != null) {
      PluginManifest manifest = components.processPlugin(pluginName);
      try {
        PluginProcess process = PluginProcess.start(manifest);
        processes.add(process);
        target = process.target();
      } catch (IOException e) {
        throw new StreamSetupException("processor " + stageName + ": " + e.getMessage(), e);
      }
    } else {
      target = (String) config.get("address");
    }
    String label = stageName + " (" + (pluginName != null ? pluginName : target) + ") of " + streamId;
    plugins.add(new RemoteStage.Plugin(stageName,
        new RemoteProcessor(label, target, configJson(stageName, config.get("config")), settings(config))));
  }

  private static RemoteProcessorSettings settings(Map<String, Object> config) {
    RemoteProcessorSettings defaults = RemoteProcessorSettings.DEFAULTS;
    return new RemoteProcessorSettings(
        ((Number) config.getOrDefault("batchSize", (long) defaults.batchSize())).intValue(),
        ((Number) config.getOrDefault("maxInFlight", (long) defaults.maxInFlight())).intValue(),
        Durations.parse(String.valueOf(config.getOrDefault("timeout", "30s"))).orElse(defaults.callTimeout()),
        defaults.firstBackoff(), defaults.maxBackoff());
  }

  private static String configJson(String stageName, Object config) throws StreamSetupException {
    try {
      return JSON.writeValueAsString(config == null ? Map.of() : config);
    } catch (JsonProcessingException e) {
      throw new StreamSetupException("processor " + stageName + ": its config cannot be written as JSON ("
          + e.getOriginalMessage() + "); write plain values, lists and objects", e);
    }
  }

  /** What the stage calls, in order. */
  public List<RemoteStage.Plugin> plugins() {
    return List.copyOf(plugins);
  }

  /** The processes launched for the stage, for diagnostics and tests. */
  public List<PluginProcess> processes() {
    return List.copyOf(processes);
  }

  /** Closes the connections and stops the launched processes. */
  @Override
  public void close() {
    plugins.forEach(p -> p.client().close());
    processes.forEach(PluginProcess::close);
  }
}
