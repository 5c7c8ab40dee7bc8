package dev.sluice.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.JsonSchema;
import picocli.CommandLine.Option;

/**
 * {@code --server} and {@code --token} of every command that talks to a control plane, mixed in
 * with picocli's {@code @Mixin}. Each is taken from the flag, else the environment ({@code
 * SLUICE_SERVER}, {@code SLUICE_TOKEN}), else the config file ({@code $SLUICE_CONFIG}, else {@code
 * $XDG_CONFIG_HOME/sluice/config.yaml}, else {@code ~/.config/sluice/config.yaml}) with the keys
 * {@code server}, {@code token} and {@code tokenFile}; the server defaults to {@value #DEFAULT_SERVER}.
 */
final class ServerOptions {

  static final String DEFAULT_SERVER = "http://localhost:8080";

  @Option(names = "--server", paramLabel = "URL", description = "The control plane's REST API (default: "
      + "$SLUICE_SERVER, else server: in ~/.config/sluice/config.yaml, else " + DEFAULT_SERVER + ").")
  String server;

  @Option(names = "--token", paramLabel = "TOKEN", description = "An API token (default: $SLUICE_TOKEN, else "
      + "token: or tokenFile: in ~/.config/sluice/config.yaml).")
  String token;

  /** A client for the control plane these options, the environment and the config file name. */
  ApiClient client() {
    return client(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  ApiClient client(Map<String, String> env, Path home) {
    Map<?, ?> config = configFile(env, home);
    String url = first(server, env.get("SLUICE_SERVER"), string(config, "server"), DEFAULT_SERVER);
    String tokenValue = first(token, env.get("SLUICE_TOKEN"), string(config, "token"), tokenFile(config));
    if (tokenValue == null || tokenValue.isBlank()) {
      throw new UserError("no API token: pass --token, set SLUICE_TOKEN, or put token: (or tokenFile:) in "
          + configPath(env, home) + "; sluice dev writes an admin token to data/admin.token");
    }
    return new ApiClient(url, tokenValue.strip());
  }

  /** Where the config file is read from. */
  static Path configPath(Map<String, String> env, Path home) {
    if (env.get("SLUICE_CONFIG") != null) {
      return Path.of(env.get("SLUICE_CONFIG"));
    }
    Path configHome = env.get("XDG_CONFIG_HOME") != null ? Path.of(env.get("XDG_CONFIG_HOME"))
        : home.resolve(".config");
    return configHome.resolve("sluice").resolve("config.yaml");
  }

  private static Map<?, ?> configFile(Map<String, String> env, Path home) {
    Path file = configPath(env, home);
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    try {
      Object root = new Load(LoadSettings.builder().setSchema(new JsonSchema()).build())
          .loadFromString(Files.readString(file));
      if (root == null) {
        return Map.of();
      }
      if (!(root instanceof Map<?, ?> map)) {
        throw new UserError(file + " must be a YAML mapping with server:, token: or tokenFile:");
      }
      return map;
    } catch (IOException | YamlEngineException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage() + "; fix it or remove it", e);
    }
  }

  private static String tokenFile(Map<?, ?> config) {
    String file = string(config, "tokenFile");
    if (file == null) {
      return null;
    }
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new UserError("cannot read the token file " + file + " (tokenFile: in the sluice config file): "
          + e.getMessage(), e);
    }
  }

  private static String string(Map<?, ?> config, String key) {
    return config.get(key) == null ? null : config.get(key).toString();
  }

  private static String first(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
