package dev.sluice.controlplane.streams;

import dev.sluice.controlplane.outbox.ControlTopics;
import dev.sluice.controlplane.secrets.SecretCipher;
import dev.sluice.controlplane.secrets.SecretReferenceCheck;
import dev.sluice.controlplane.secrets.SecretStore;
import dev.sluice.controlplane.store.ControlPlaneDatabase;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.definitions.DefinitionReader;
import dev.sluice.testkit.EmbeddedPostgres;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Stream documents and a stream service over a fresh database, for the control plane's tests. */
public final class TestStreams {

  private TestStreams() {}

  /**
   * The test stream: generates {@code count} records into the topic {@code orders}, with {@code
   * extraSpec} (already indented by two spaces, one field a line) appended to its spec.
   */
  public static String orders(String namespace, String name, int count, String extraSpec) {
    return """
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: %s, namespace: %s}
        spec:
          input: {generate: {template: '{"id": $seq}', count: %d}}
          output: {kafka: {topic: orders}}
        %s""".formatted(name, namespace, count, extraSpec);
  }

  /** The test stream with 10 records and nothing else. */
  public static String orders(String namespace, String name) {
    return orders(namespace, name, 10, "");
  }

  /** A reader with the components on the test class path (generate, kafka, mapping, filter). */
  public static DefinitionReader reader() {
    return new DefinitionReader(ComponentCatalog.load(TestStreams.class.getClassLoader()));
  }

  /** A migrated database of its own on the shared server. */
  public static ControlPlaneDatabase database(EmbeddedPostgres postgres, String name) {
    return ControlPlaneDatabase.open(postgres.createDatabase(name), null, null);
  }

  /** A secret store on {@code jdbi} with a fresh key. */
  public static SecretStore secrets(Jdbi jdbi) {
    return new SecretStore(jdbi, SecretCipher.fromBase64(SecretCipher.newKeyBase64()));
  }

  public static StreamService service(ControlPlaneDatabase database, ControlTopics topics) {
    return new StreamService(database.jdbi(), reader(), new SecretReferenceCheck(secrets(database.jdbi())::names),
        topics, Clock.systemUTC());
  }
}
