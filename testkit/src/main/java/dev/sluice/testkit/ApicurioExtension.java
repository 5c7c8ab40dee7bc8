package dev.sluice.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands tests one {@link ApicurioRegistry} shared by the whole test run.
 *
 * <pre>{@code
 * @ExtendWith(ApicurioExtension.class)
 * class AvroIT {
 *     @Test
 *     void roundTrips(ApicurioRegistry registry) {
 *         String url = registry.url();
 *     }
 * }
 * }</pre>
 *
 * <p>Parameters of type {@link ApicurioRegistry} are resolved in test methods, constructors and
 * lifecycle methods. The server starts on first use (from the distribution named by {@value
 * ApicurioRegistry#HOME_PROPERTY}) and is kept in the root context's store; JUnit stops it when
 * the run ends. Tests share it, so each should use its own artifact ids or group.
 *
 * <p>Safe under parallel test execution: the store creates the server once.
 */
public final class ApicurioExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ApicurioExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ApicurioRegistry.class;
  }

  @Override
  public ApicurioRegistry resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return sharedServer(context);
  }

  /** The run's shared server, started on first call. */
  public static ApicurioRegistry sharedServer(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ApicurioRegistry.class,
        key -> ApicurioRegistry.builder().start(), ApicurioRegistry.class);
  }
}
