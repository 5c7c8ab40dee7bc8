package dev.sluice.cli;

/** The version of this Sluice build, from the jar manifest. */
final class Versions {

  private Versions() {}

  static String current() {
    String version = Versions.class.getPackage().getImplementationVersion();
    return version == null ? "development build" : version;
  }
}
