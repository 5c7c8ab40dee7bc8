package dev.sluice.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands tests one {@link EmbeddedPostgres} shared by the whole test run.
 *
 * <pre>{@code
 * @ExtendWith(PostgresExtension.class)
 * class ControlPlaneIT {
 *     @Test
 *     void stores(EmbeddedPostgres postgres) {
 *         String url = postgres.createDatabase("control_plane_it");
 *     }
 * }
 * }</pre>
 *
 * <p>Parameters of type {@link EmbeddedPostgres} are resolved in test methods, constructors and
 * lifecycle methods ({@code @BeforeAll} included). The server starts on first use, with a temporary
 * data directory and a free port, and is kept in the root context's store; JUnit closes it when the run
 * ends. Tests share it, so each should use its own database, or its own replication slot names. Tests
 * that need a server of their own (a fixed port, a persistent directory, a restart) build one with
 * {@link EmbeddedPostgres#builder()}.
 *
 * <p>Safe under parallel test execution: the store creates the server once.
 */
public final class PostgresExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedPostgres.class;
  }

  @Override
  public EmbeddedPostgres resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return sharedServer(context);
  }

  /** The run's shared server, started on first call; for extensions and code without parameter injection. */
  public static EmbeddedPostgres sharedServer(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(EmbeddedPostgres.class, key -> EmbeddedPostgres.builder().start(),
            EmbeddedPostgres.class);
  }
}
