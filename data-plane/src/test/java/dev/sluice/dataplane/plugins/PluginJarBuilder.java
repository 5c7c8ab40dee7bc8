package dev.sluice.dataplane.plugins;

import dev.sluice.api.component.ComponentProvider;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Builds a real plugin jar at test time: compiles a {@link ComponentProvider} with the JDK's
 * compiler against sluice-api plus the given libraries, and lists it in {@code META-INF/services}.
 */
final class PluginJarBuilder {

  private PluginJarBuilder() {}

  /**
   * A provider of processor {@code component} (class {@code pkg.JacksonVersionProvider}) that adds
   * {@code "jackson"} (the Jackson version it sees) and {@code "plugin_json"} (the value written by
   * that Jackson) to map values.
   */
  static String jacksonVersionProvider(String pkg, String component) {
    return """
        package %s;

        import com.fasterxml.jackson.core.JsonProcessingException;
        import com.fasterxml.jackson.databind.ObjectMapper;
        import dev.sluice.api.component.ComponentContext;
        import dev.sluice.api.component.ComponentDescriptor;
        import dev.sluice.api.component.ComponentKind;
        import dev.sluice.api.component.Processor;
        import dev.sluice.api.component.ProcessorProvider;
        import dev.sluice.api.config.ConfigSpec;
        import dev.sluice.api.error.PermanentException;
        import dev.sluice.api.record.Record;
        import java.util.LinkedHashMap;
        import java.util.List;
        import java.util.Map;

        public final class JacksonVersionProvider implements ProcessorProvider {
          @Override
          public ComponentDescriptor descriptor() {
            return new ComponentDescriptor("%s", ComponentKind.PROCESSOR,
                "Reports the Jackson version the plugin sees.", ConfigSpec.EMPTY);
          }

          @Override
          public Processor create() {
            return new Processor() {
              private ObjectMapper mapper;

              @Override
              public void start(ComponentContext context) {
                mapper = new ObjectMapper();
              }

              @Override
              @SuppressWarnings("unchecked")
              public List<Record> process(Record record) throws PermanentException {
                Map<String, Object> value = new LinkedHashMap<>((Map<String, Object>) record.value());
                try {
                  value.put("plugin_json", mapper.writeValueAsString(record.value()));
                } catch (JsonProcessingException e) {
                  throw new PermanentException("cannot write " + record.value(), e);
                }
                value.put("jackson", mapper.version().toString());
                return List.of(record.withValue(value));
              }
            };
          }
        }
        """.formatted(pkg, component);
  }

  /**
   * Compiles {@code source} (class {@code className}) against sluice-api and {@code libraries} into
   * {@code jar}, with a service entry for it and the given manifest {@code Class-Path} (or none).
   */
  static Path build(Path jar, String className, String source, List<Path> libraries, String classPath)
      throws IOException {
    Path classes = Files.createTempDirectory("plugin-classes");
    List<String> path = new ArrayList<>();
    path.add(location(ComponentProvider.class).toString());
    libraries.forEach(l -> path.add(l.toString()));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    JavaFileObject unit = new SimpleJavaFileObject(
        Path.of(className.replace('.', '/') + ".java").toUri(), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    boolean compiled = javac.getTask(diagnostics, null, null,
        List.of("--release", "21", "-classpath", String.join(java.io.File.pathSeparator, path),
            "-d", classes.toString()),
        null, List.of(unit)).call();
    if (!compiled) {
      throw new IllegalStateException("test plugin does not compile:\n" + diagnostics);
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (classPath != null) {
      manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    }
    Files.createDirectories(jar.getParent());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        put(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
      put(out, "META-INF/services/" + ComponentProvider.class.getName(),
          (className + "\n").getBytes(StandardCharsets.UTF_8));
    }
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
    return jar;
  }

  /** Writes one entry, also one whose name a real build tool would never produce. */
  static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.write(bytes);
    out.closeEntry();
  }

  /** Where a class was loaded from: a jar or a classes directory. */
  static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
