package dev.sluice.connectors.postgrescdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.component.ComponentProvider;
import dev.sluice.api.component.SourceConnector;
import dev.sluice.api.component.SourceConnectorProvider;
import dev.sluice.api.component.SourceRecord;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.PostgresExtension;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plugin directory the build lays out ({@code target/plugins/postgres_cdc}) works on its own:
 * loaded with nothing of the test's class path but the JDK, the SPI and slf4j, and called from a
 * thread whose context class loader is not the plugin's, it still finds Debezium's engine,
 * connector and converters and captures a change.
 */
@ExtendWith(PostgresExtension.class)
class PluginIsolationIT {

  private static final Path PLUGIN_DIR = Path.of("../../target/plugins/postgres_cdc");

  @Test
  void thePluginDirectoryCapturesChangesInAClassLoaderOfItsOwn(EmbeddedPostgres postgres)
      throws Exception {
    try (CdcDatabase database = new CdcDatabase(postgres, "cdc_plugin");
        URLClassLoader plugin = new URLClassLoader("postgres_cdc", jars(),
            new SharedOnly(PluginIsolationIT.class.getClassLoader()))) {
      database.execute("CREATE TABLE items (id bigint PRIMARY KEY)", "INSERT INTO items VALUES (1)");
      SourceConnectorProvider provider = ServiceLoader.load(ComponentProvider.class, plugin)
          .stream().map(ServiceLoader.Provider::get)
          .filter(p -> p.descriptor().name().equals("postgres_cdc"))
          .map(SourceConnectorProvider.class::cast)
          .findFirst().orElseThrow();
      assertThat(provider.getClass().getClassLoader()).isSameAs(plugin);

      // A context class loader that sees no Debezium: the plugin must not depend on the caller's.
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(plugin.getParent());
      try (SourceConnector source = provider.create()) {
        source.start(TestSourceContext.of(database.config("initial", "public.items"), null));
        List<SourceRecord> polled = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(60);
        while (polled.isEmpty() && Instant.now().isBefore(deadline)) {
          polled.addAll(source.poll(Duration.ofMillis(200)));
        }
        assertThat(polled).extracting(r -> (Object) ((Map<?, ?>) r.record().value()).get("op"))
            .containsExactly("r");
      } finally {
        thread.setContextClassLoader(previous);
      }
    }
  }

  private static URL[] jars() throws IOException {
    assertThat(PLUGIN_DIR.resolve("sluice-connector-postgres-cdc-0.1.0-SNAPSHOT.jar"))
        .as("the plugin directory laid out by the package phase").exists();
    try (Stream<Path> files = Files.list(PLUGIN_DIR)) {
      List<Path> jars = files.filter(f -> f.toString().endsWith(".jar")).toList();
      assertThat(jars).noneMatch(j -> j.getFileName().toString().startsWith("sluice-api"));
      URL[] urls = new URL[jars.size()];
      for (int i = 0; i < urls.length; i++) {
        urls[i] = jars.get(i).toUri().toURL();
      }
      return urls;
    }
  }

  /** What a worker shares with plugins: the JDK, the SPI and slf4j; nothing else of the test's. */
  private static final class SharedOnly extends ClassLoader {
    private final ClassLoader host;

    SharedOnly(ClassLoader host) {
      super("shared-only", ClassLoader.getPlatformClassLoader());
      this.host = host;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("dev.sluice.api.") || name.startsWith("org.slf4j.")) {
        return host.loadClass(name);
      }
      return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
      return name.startsWith("org/slf4j/") ? host.getResource(name) : super.getResource(name);
    }
  }
}
