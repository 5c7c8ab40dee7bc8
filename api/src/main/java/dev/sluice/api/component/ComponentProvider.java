package dev.sluice.api.component;

/**
 * Announces one component to Sluice.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: list the class in {@code
 * META-INF/services/dev.sluice.api.component.ComponentProvider}. They need a public no-argument
 * constructor and must be cheap to create: Sluice instantiates every provider when it builds its
 * catalogue, long before any stream runs.
 */
public interface ComponentProvider {

  /**
   * Describes the component. Called once per catalogue build, from any thread; must return the
   * same value every time and must not block.
   */
  ComponentDescriptor descriptor();
}
