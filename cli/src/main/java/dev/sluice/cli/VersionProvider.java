package dev.sluice.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest, so it always matches the build. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = SluiceCommand.class.getPackage().getImplementationVersion();
    return new String[] {"sluice " + (version == null ? "(development build)" : version)};
  }
}
