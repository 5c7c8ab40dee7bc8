package dev.sluice.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest, so it always matches the build. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {"sluice " + Versions.current()};
  }
}
