package dev.sluice.connectors.dev;

/** The kit against the {@code file} input following a real file, as {@code tail -f} does. */
class FileInputFollowConformanceIT extends FileInputConformanceIT {

  @Override
  boolean follow() {
    return true;
  }
}
