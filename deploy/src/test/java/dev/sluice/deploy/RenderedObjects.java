package dev.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The Kubernetes objects of one {@code helm template} run, parsed from its multi-document YAML,
 * to look up by kind and name. Immutable; thread-safe.
 */
final class RenderedObjects {

  private static final YAMLMapper YAML = new YAMLMapper();

  private final List<JsonNode> objects;

  private RenderedObjects(List<JsonNode> objects) {
    this.objects = List.copyOf(objects);
  }

  /** Parses the output of {@code helm template}; empty documents are left out. */
  static RenderedObjects parse(String manifests) {
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(manifests)) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document != null && document.isObject()) {
          objects.add(document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("helm template printed something that is not YAML", e);
    }
    return new RenderedObjects(objects);
  }

  /** Every object of that kind, in the order rendered. */
  List<JsonNode> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  /** The one object of that kind and name; fails the test when there is none. */
  JsonNode get(String kind, String name) {
    Optional<JsonNode> found = find(kind, name);
    assertThat(found).as("%s %s among %s", kind, name, names()).isPresent();
    return found.get();
  }

  Optional<JsonNode> find(String kind, String name) {
    return ofKind(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
  }

  /** "Kind/name" of every object, for test failure messages and assertions on the whole set. */
  List<String> names() {
    return objects.stream().map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText())
        .toList();
  }

  /** The first container of a Deployment's or StatefulSet's pod template. */
  static JsonNode container(JsonNode workload) {
    return workload.path("spec").path("template").path("spec").path("containers").path(0);
  }

  /** The texts of an array node, such as a container's args. */
  static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  /** The container's env entry of that name; fails the test when there is none. */
  static JsonNode env(JsonNode container, String name) {
    Optional<JsonNode> entry = StreamSupport.stream(container.path("env").spliterator(), false)
        .filter(e -> name.equals(e.path("name").asText())).findFirst();
    assertThat(entry).as("env %s in %s", name, container.path("name").asText()).isPresent();
    return entry.get();
  }

  /** Names of the container's env entries. */
  static List<String> envNames(JsonNode container) {
    return StreamSupport.stream(container.path("env").spliterator(), false).map(e -> e.path("name").asText())
        .toList();
  }
}
