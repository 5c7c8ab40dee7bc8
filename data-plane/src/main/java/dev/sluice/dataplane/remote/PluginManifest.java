package dev.sluice.dataplane.remote;

import dev.sluice.api.Problem;
import dev.sluice.api.config.Durations;
import dev.sluice.api.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A plugin's {@code plugin.yaml}: how to start the plugin process.
 *
 * <pre>
 * name: uppercase                          # required: lower case, digits, '-' and '_'
 * command: [node, index.js]                # required: program and arguments
 * env: {LOG_LEVEL: info}                   # optional: extra environment variables
 * ready_timeout: 30s                       # optional: how long Describe may take to answer
 * </pre>
 *
 * <p>In {@code command}, {@code {port}} stands for the port the plugin must listen on (also in
 * the environment as {@code SLUICE_PLUGIN_PORT}) and {@code {java}} for the java executable of
 * the worker. The command runs in the manifest's directory.
 *
 * @param name the plugin's name, in log lines
 * @param command program and arguments, placeholders not yet replaced
 * @param env extra environment variables
 * @param readyTimeout how long the plugin may take from launch to answering Describe
 * @param directory the manifest's directory, where the command runs
 */
public record PluginManifest(
    String name, List<String> command, Map<String, String> env, Duration readyTimeout, Path directory) {

  /** The manifest's file name, next to the plugin. */
  public static final String FILE_NAME = "plugin.yaml";

  private static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
  private static final Set<String> FIELDS = Set.of("name", "command", "env", "ready_timeout");

  public PluginManifest {
    command = List.copyOf(command);
    env = Map.copyOf(env);
  }

  /**
   * Reads and checks a manifest.
   *
   * @param file a {@code plugin.yaml}, or the directory holding one
   * @throws ConfigException with every problem found, each naming the field, the value and the fix
   */
  public static PluginManifest read(Path file) throws ConfigException {
    Path manifest = Files.isDirectory(file) ? file.resolve(FILE_NAME) : file;
    String where = " in " + manifest.toAbsolutePath();
    Object document;
    try {
      document = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(manifest));
    } catch (IOException e) {
      throw problem("", null, "cannot read the plugin manifest" + where + " (" + e
          + "); put a plugin.yaml with at least name and command next to the plugin");
    } catch (YamlEngineException e) {
      throw problem("", null, "the plugin manifest" + where + " is not valid YAML: " + e.getMessage());
    }
    if (!(document instanceof Map<?, ?> fields)) {
      throw problem("", String.valueOf(document), "the plugin manifest" + where
          + " must be a mapping with at least name and command, e.g. name: uppercase");
    }
    List<Problem> problems = new ArrayList<>();
    for (Object key : fields.keySet()) {
      if (!FIELDS.contains(String.valueOf(key))) {
        problems.add(Problem.at(String.valueOf(key), null, "unknown field" + where
            + "; use one of: name, command, env, ready_timeout"));
      }
    }
    String name = name(fields.get("name"), where, problems);
    List<String> command = command(fields.get("command"), where, problems);
    Map<String, String> env = env(fields.get("env"), where, problems);
    Duration readyTimeout = readyTimeout(fields.get("ready_timeout"), where, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new PluginManifest(name, command, env, readyTimeout, manifest.toAbsolutePath().getParent());
  }

  private static String name(Object value, String where, List<Problem> problems) {
    if (value == null) {
      problems.add(Problem.at("name", null, "missing" + where + "; add the plugin's name, e.g. name: uppercase"));
      return null;
    }
    if (!(value instanceof String s) || !NAME.matcher(s).matches()) {
      problems.add(Problem.at("name", String.valueOf(value), "'" + value + "' is not a valid plugin name" + where
          + "; use lower-case letters, digits, '-' and '_', starting with a letter, e.g. name: uppercase"));
      return null;
    }
    return s;
  }

  private static List<String> command(Object value, String where, List<Problem> problems) {
    String fix = "; write the program and its arguments as a list, e.g. command: [node, index.js]";
    if (value == null) {
      problems.add(Problem.at("command", null, "missing" + where + fix));
      return List.of();
    }
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      problems.add(Problem.at("command", String.valueOf(value), "expected a non-empty list" + where + fix));
      return List.of();
    }
    List<String> command = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object part = list.get(i);
      if (part instanceof String || part instanceof Number) {
        command.add(String.valueOf(part));
      } else {
        problems.add(Problem.at("command[" + i + "]", String.valueOf(part), "expected a string" + where + fix));
      }
    }
    return command;
  }

  private static Map<String, String> env(Object value, String where, List<Problem> problems) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      problems.add(Problem.at("env", String.valueOf(value), "expected a mapping of names to values" + where
          + ", e.g. env: {LOG_LEVEL: info}"));
      return Map.of();
    }
    Map<String, String> env = new LinkedHashMap<>();
    map.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
    return env;
  }

  private static Duration readyTimeout(Object value, String where, List<Problem> problems) {
    if (value == null) {
      return DEFAULT_READY_TIMEOUT;
    }
    Optional<Duration> parsed = Durations.parse(String.valueOf(value)).filter(d -> !d.isNegative() && !d.isZero());
    if (parsed.isEmpty()) {
      problems.add(Problem.at("ready_timeout", String.valueOf(value), "'" + value + "' is not a positive duration"
          + where + "; write a number and a unit, e.g. ready_timeout: 30s"));
      return DEFAULT_READY_TIMEOUT;
    }
    return parsed.get();
  }

  private static ConfigException problem(String path, String value, String message) {
    return new ConfigException(List.of(Problem.at(path, value, message)));
  }
}
