package dev.sluice.dataplane.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.Processor;
import dev.sluice.api.definition.ComponentConfig;
import dev.sluice.api.definition.DesiredState;
import dev.sluice.api.definition.ErrorPolicy;
import dev.sluice.api.definition.Guarantee;
import dev.sluice.api.definition.Metadata;
import dev.sluice.api.definition.StreamDefinition;
import dev.sluice.api.definition.StreamSpec;
import dev.sluice.dataplane.pipeline.Components;
import dev.sluice.dataplane.pipeline.InstanceCounters;
import dev.sluice.dataplane.pipeline.StreamPlan;
import dev.sluice.dataplane.pipeline.StreamTopology;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.expression.JsonataLanguage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarOutputStream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins built at test time from source, bundling Jackson {@code sluice.test.pluginJacksonVersion}
 * (older than the worker's), loaded from a real plugins directory beside the real built-in {@code
 * mapping} and {@code filter} processors.
 */
class PluginDirectoryTest {

  private static final String PLUGIN_JACKSON = System.getProperty("sluice.test.pluginJacksonVersion");
  private static final ClassLoader BUILTINS = PluginDirectoryTest.class.getClassLoader();

  @TempDir Path tmp;
  private Path plugins;
  private List<Path> jackson;

  @BeforeEach
  void findPluginLibraries() throws IOException {
    plugins = Files.createDirectory(tmp.resolve("plugins"));
    String libs = System.getProperty("sluice.test.pluginLibs");
    assertThat(libs).as("run through Maven: generate-test-resources copies the plugin's Jackson jars").isNotNull();
    try (var files = Files.list(Path.of(libs))) {
      jackson = files.filter(f -> f.getFileName().toString().endsWith(PLUGIN_JACKSON + ".jar")).sorted().toList();
    }
    assertThat(jackson).hasSize(3);
  }

  /** plugins/{name}/: the plugin's own jar plus its Jackson jars, copied in. */
  private Path installJacksonPlugin(String name, String component) throws IOException {
    Path dir = Files.createDirectories(plugins.resolve(name));
    String pkg = "com.example." + name;
    PluginJarBuilder.build(dir.resolve(name + ".jar"), pkg + ".JacksonVersionProvider",
        PluginJarBuilder.jacksonVersionProvider(pkg, component), jackson, null);
    for (Path lib : jackson) {
      Files.copy(lib, dir.resolve(lib.getFileName()));
    }
    return dir;
  }

  @Test
  void aPluginWithItsOwnJacksonRunsInATopologyBesideTheBuiltIns() throws Exception {
    installJacksonPlugin("conflict", "jackson_version");
    String hostJackson = new ObjectMapper().version().toString();
    assertThat(hostJackson).isNotEqualTo(PLUGIN_JACKSON);

    try (PluginDirectory directory = PluginDirectory.scan(plugins)) {
      assertThat(directory.problems()).isEmpty();
      assertThat(directory.plugins()).extracting(Plugin::name).containsExactly("conflict");
      ClassLoader pluginLoader = directory.plugins().get(0).classLoader();
      assertThat(pluginLoader.loadClass(ObjectMapper.class.getName()).getClassLoader()).isSameAs(pluginLoader);
      assertThat(pluginLoader.loadClass(Processor.class.getName())).isSameAs(Processor.class);

      Components components = Components.load(BUILTINS, directory);
      ComponentCatalog catalog = ComponentCatalog.of(components.descriptors());
      assertThat(catalog.names(ComponentKind.PROCESSOR)).contains("filter", "jackson_version", "mapping");

      List<String> values = run(components, stream(
          new ComponentConfig("mapping", Map.of("expression", "$merge([$, {\"mapped\": true}])")),
          new ComponentConfig("jackson_version", Map.of()),
          new ComponentConfig("filter", Map.of("condition", "id != 2"))),
          "{\"id\":1}", "{\"id\":2}", "{\"id\":3}");

      assertThat(values).containsExactly(
          "{\"id\":1,\"mapped\":true,\"plugin_json\":\"{\\\"id\\\":1,\\\"mapped\\\":true}\",\"jackson\":\""
              + PLUGIN_JACKSON + "\"}",
          "{\"id\":3,\"mapped\":true,\"plugin_json\":\"{\\\"id\\\":3,\\\"mapped\\\":true}\",\"jackson\":\""
              + PLUGIN_JACKSON + "\"}");
    }
  }

  @Test
  void aJarLinkedFromOutsideIsRefusedWithThePathAndTheFixWhileOthersLoad() throws Exception {
    installJacksonPlugin("good", "jackson_version");
    Path outside = installJacksonPlugin("staged", "escaped");
    Files.move(outside, tmp.resolve("outside"));
    Path escape = Files.createDirectory(plugins.resolve("escape"));
    Files.createSymbolicLink(escape.resolve("escape.jar"), tmp.resolve("outside/staged.jar"));
    Files.createSymbolicLink(plugins.resolve("linked"), tmp.resolve("outside"));

    try (PluginDirectory directory = PluginDirectory.scan(plugins)) {
      assertThat(directory.plugins()).extracting(Plugin::name).containsExactly("good");
      Path root = plugins.toRealPath();
      assertThat(directory.problems()).containsExactly(
          "jar " + escape.resolve("escape.jar") + " resolves to " + tmp.resolve("outside/staged.jar").toRealPath()
              + ", outside the plugins directory " + root + "; copy the jar into " + escape.toRealPath()
              + " instead of linking to it",
          "plugin directory " + plugins.resolve("linked") + " resolves to " + tmp.resolve("outside").toRealPath()
              + ", outside the plugins directory " + root
              + "; copy the plugin into the plugins directory instead of linking to it");
    }
  }

  @Test
  void brokenOrMisplacedPluginsAreReportedWhileOthersLoad() throws Exception {
    installJacksonPlugin("good", "jackson_version");
    Path broken = Files.createDirectory(plugins.resolve("broken"));
    Files.writeString(broken.resolve("broken.jar"), "not a zip");
    Path climbing = Files.createDirectory(plugins.resolve("climbing"));
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(climbing.resolve("climbing.jar")))) {
      PluginJarBuilder.put(out, "../../escape.txt", "x".getBytes(StandardCharsets.UTF_8));
    }
    Path classPath = plugins.resolve("class-path");
    PluginJarBuilder.build(classPath.resolve("cp.jar"), "com.example.cp.JacksonVersionProvider",
        PluginJarBuilder.jacksonVersionProvider("com.example.cp", "cp"), jackson, "../../outside.jar");
    Files.createDirectory(plugins.resolve("empty"));
    Files.createDirectory(plugins.resolve("two words"));
    Files.copy(broken.resolve("broken.jar"), plugins.resolve("loose.jar"));

    try (PluginDirectory directory = PluginDirectory.scan(plugins)) {
      assertThat(directory.plugins()).extracting(Plugin::name).containsExactly("good");
      assertThat(directory.problems()).satisfiesExactly(
          p -> assertThat(p).startsWith("cannot open jar " + broken.toRealPath().resolve("broken.jar"))
              .endsWith("; replace it with a valid jar"),
          p -> assertThat(p).startsWith("jar " + classPath.toRealPath().resolve("cp.jar") + " lists '../../outside.jar' "
              + "in its manifest Class-Path, which is outside the plugins directory"),
          p -> assertThat(p).isEqualTo("jar " + climbing.toRealPath().resolve("climbing.jar")
              + " has the entry '../../escape.txt', which points outside the jar; rebuild the jar without it"),
          p -> assertThat(p).isEqualTo("plugin directory " + plugins.resolve("empty") + " holds no .jar file; put "
              + "the plugin's jar and the jars it depends on directly into it"),
          p -> assertThat(p).startsWith("jar " + plugins.resolve("loose.jar") + " lies directly in the plugins "
              + "directory; move it into a directory of its own"),
          p -> assertThat(p).startsWith("plugin directory " + plugins.resolve("two words")
              + " is not named like a plugin"));
    }
  }

  @Test
  void aNameClashWithABuiltInOrAnotherPluginNamesBoth() throws Exception {
    installJacksonPlugin("shadow", "mapping");
    installJacksonPlugin("twin_a", "twin");
    installJacksonPlugin("twin_b", "twin");

    try (PluginDirectory directory = PluginDirectory.scan(plugins)) {
      assertThat(directory.problems()).isEmpty();
      assertThatThrownBy(() -> Components.load(BUILTINS, directory))
          .isInstanceOfSatisfying(ComponentClashException.class, e -> assertThat(e.clashes()).satisfiesExactly(
              c -> assertThat(c)
                  .startsWith("processor 'mapping' is provided twice: by the built-in "
                      + "dev.sluice.processors.expression.MappingProvider from ")
                  .endsWith(" and by plugin 'shadow' (" + plugins.resolve("shadow")
                      + ") (com.example.shadow.JacksonVersionProvider); remove one of them from the plugins "
                      + "directory or rename the plugin's component"),
              c -> assertThat(c).isEqualTo("processor 'twin' is provided twice: by plugin 'twin_a' ("
                  + plugins.resolve("twin_a") + ") (com.example.twin_a.JacksonVersionProvider) and by plugin "
                  + "'twin_b' (" + plugins.resolve("twin_b") + ") (com.example.twin_b.JacksonVersionProvider); "
                  + "remove one of them from the plugins directory or rename the plugin's component")));
    }
  }

  @Test
  void aDirectoryWithAPluginYamlIsAProcessPluginFoundByTheNameInsideIt() throws Exception {
    installJacksonPlugin("good", "jackson_version");
    Path upper = Files.createDirectory(plugins.resolve("upper-dir"));
    Files.writeString(upper.resolve("plugin.yaml"), "name: uppercase\ncommand: [node, index.js]\n");
    Path bad = Files.createDirectory(plugins.resolve("bad"));
    Files.writeString(bad.resolve("plugin.yaml"), "name: Upper Case\n");

    try (PluginDirectory directory = PluginDirectory.scan(plugins)) {
      assertThat(directory.plugins()).extracting(Plugin::name).containsExactly("good");
      assertThat(directory.processPlugin("uppercase")).get()
          .satisfies(m -> assertThat(m.directory()).isEqualTo(upper.toAbsolutePath()));
      assertThat(directory.problems()).singleElement().satisfies(p -> assertThat(p)
          .contains("process plugin " + bad, "name: 'Upper Case' is not a valid plugin name", "command: missing"));
      Components components = Components.load(BUILTINS, directory);
      assertThat(components.processPlugin("uppercase").command()).containsExactly("node", "index.js");
      assertThatThrownBy(() -> components.processPlugin("lowercase"))
          .hasMessageStartingWith("processor plugin 'lowercase' is not installed on this worker: no plugin.yaml "
              + "with name: lowercase in a directory of " + plugins.toAbsolutePath())
          .hasMessageContaining("give the address of a running plugin instead");
    }
  }

  @Test
  void onlyTheJdkTheSpiAndSlf4jAreShared() {
    assertThat(PluginClassLoader.shared("java.lang.String")).isTrue();
    assertThat(PluginClassLoader.shared("javax.xml.parsers.DocumentBuilder")).isTrue();
    assertThat(PluginClassLoader.shared("org.w3c.dom.Document")).isTrue();
    assertThat(PluginClassLoader.shared("dev.sluice.api.component.Processor")).isTrue();
    assertThat(PluginClassLoader.shared("org.slf4j.Logger")).isTrue();
    assertThat(PluginClassLoader.shared("javax.servlet.Servlet")).isFalse();
    assertThat(PluginClassLoader.shared("dev.sluice.apix.Thing")).isFalse();
    assertThat(PluginClassLoader.shared("dev.sluice.dataplane.pipeline.Components")).isFalse();
    assertThat(PluginClassLoader.shared("com.fasterxml.jackson.databind.ObjectMapper")).isFalse();
  }

  private static StreamDefinition stream(ComponentConfig... processors) {
    return new StreamDefinition(new Metadata("plugins", "ns", Map.of(), null), new StreamSpec(
        DesiredState.ACTIVE, 1, Guarantee.AT_LEAST_ONCE,
        new ComponentConfig("kafka", Map.of("topics", List.of("in"), "format", "json")),
        List.of(processors),
        new ComponentConfig("kafka", Map.of("topic", "out", "format", "json")),
        ErrorPolicy.defaults()));
  }

  /** Pipes {@code values} through the stream's real topology and returns what reaches {@code out}. */
  private static List<String> run(Components components, StreamDefinition definition, String... values)
      throws Exception {
    StreamPlan plan = StreamPlan.of(definition);
    var topology = new StreamTopology(components, new JsonataLanguage(), Clock.systemUTC(), d -> { })
        .build(plan, 0, new InstanceCounters());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, plan.topics().applicationId());
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
      TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
      TestOutputTopic<byte[], byte[]> out =
          driver.createOutputTopic("out", new ByteArrayDeserializer(), new ByteArrayDeserializer());
      for (String value : values) {
        in.pipeInput("k", value);
      }
      return out.readValuesToList().stream().map(v -> new String(v, StandardCharsets.UTF_8)).toList();
    }
  }
}
