package dev.sluice.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands tests one {@link EmbeddedKafka} shared by the whole test run.
 *
 * <pre>{@code
 * @ExtendWith(KafkaExtension.class)
 * class PipelineIT {
 *     @Test
 *     void runs(EmbeddedKafka kafka) {
 *         String bootstrap = kafka.bootstrapServers();
 *     }
 * }
 * }</pre>
 *
 * <p>Parameters of type {@link EmbeddedKafka} are resolved in test methods, constructors and lifecycle
 * methods ({@code @BeforeAll} included). The broker starts on first use, with a temporary data
 * directory and a free port, and is kept in the root context's store; JUnit closes it when the run
 * ends. Tests share it, so each should use its own topic and group names. Tests that need a broker of
 * their own (a fixed port, a persistent directory, a restart) build one with
 * {@link EmbeddedKafka#builder()}.
 *
 * <p>Safe under parallel test execution: the store creates the broker once.
 */
public final class KafkaExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedKafka.class;
  }

  @Override
  public EmbeddedKafka resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return sharedBroker(context);
  }

  /** The run's shared broker, started on first call; for extensions and code without parameter injection. */
  public static EmbeddedKafka sharedBroker(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(EmbeddedKafka.class, key -> EmbeddedKafka.builder().start(), EmbeddedKafka.class);
  }
}
