package dev.sluice.dataplane.plugins;

/** Why one plugin directory was not loaded; the message names the path and the fix. */
final class PluginRefusedException extends Exception {

  PluginRefusedException(String message) {
    super(message);
  }

  PluginRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
