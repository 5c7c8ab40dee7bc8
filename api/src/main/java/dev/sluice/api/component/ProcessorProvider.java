package dev.sluice.api.component;

/** A {@link ComponentProvider} of a processor that runs in the worker's JVM. */
public interface ProcessorProvider extends ComponentProvider {

  /** A new, unstarted processor instance. */
  Processor create();
}
