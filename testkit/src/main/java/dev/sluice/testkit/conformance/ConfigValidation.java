package dev.sluice.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.definition.ComponentConfig;
import dev.sluice.api.definition.DesiredState;
import dev.sluice.api.definition.ErrorPolicy;
import dev.sluice.api.definition.Guarantee;
import dev.sluice.api.definition.Metadata;
import dev.sluice.api.definition.StreamDefinition;
import dev.sluice.api.definition.StreamSpec;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.definitions.DefinitionReader;
import dev.sluice.definitions.DefinitionWriter;
import dev.sluice.definitions.ReadResult;
import java.util.List;
import java.util.Map;

/**
 * Runs a connector's config through the same validation a stream document gets, by writing a
 * one-component stream around it and reading that back.
 */
final class ConfigValidation {

  /** Stands in the slot the connector under test does not fill; it has nothing to configure. */
  private static final String OTHER_END = "conformance";

  private final ComponentDescriptor descriptor;
  private final DefinitionReader reader;

  ConfigValidation(ComponentDescriptor descriptor) {
    this.descriptor = descriptor;
    ComponentKind otherKind =
        descriptor.kind() == ComponentKind.INPUT ? ComponentKind.OUTPUT : ComponentKind.INPUT;
    this.reader = new DefinitionReader(ComponentCatalog.of(List.of(descriptor,
        new ComponentDescriptor(OTHER_END, otherKind, "the kit's other end", ConfigSpec.EMPTY))));
  }

  /** The config's problems, each path relative to the component's config. */
  List<Problem> problems(Map<String, Object> raw) {
    String prefix = "spec." + (descriptor.kind() == ComponentKind.INPUT ? "input." : "output.")
        + descriptor.name();
    return read(raw).problems().stream()
        .map(p -> Problem.at(relative(p.path(), prefix), p.value(), p.message()))
        .toList();
  }

  /** Fails unless validation names exactly the mistakes of {@code invalid}, each with a message. */
  void assertRefusedWithEveryProblem(InvalidConfig invalid) {
    List<Problem> problems = problems(invalid.config());
    assertThat(problems).extracting(Problem::path).containsExactlyInAnyOrderElementsOf(invalid.paths());
    assertThat(problems).allSatisfy(p -> assertThat(p.message()).isNotBlank());
  }

  /** The config as a connector receives it, defaults applied; fails the test if it is invalid. */
  Map<String, Object> valid(Map<String, Object> raw) {
    ReadResult result = read(raw);
    assertThat(result.problems()).as("problems of the config %s", raw).isEmpty();
    ComponentConfig component = descriptor.kind() == ComponentKind.INPUT
        ? result.definition().spec().input()
        : result.definition().spec().output();
    return component.config();
  }

  private ReadResult read(Map<String, Object> raw) {
    ComponentConfig tested = new ComponentConfig(descriptor.name(), raw);
    ComponentConfig other = new ComponentConfig(OTHER_END, Map.of());
    boolean input = descriptor.kind() == ComponentKind.INPUT;
    StreamSpec spec = new StreamSpec(DesiredState.ACTIVE, 1, Guarantee.AT_LEAST_ONCE,
        input ? tested : other, List.of(), input ? other : tested, ErrorPolicy.defaults());
    StreamDefinition stream = new StreamDefinition(
        new Metadata("stream", "conformance", Map.of(), null), spec);
    return reader.readOne("conformance.json", DefinitionWriter.toJson(stream));
  }

  private static String relative(String path, String prefix) {
    if (path.equals(prefix)) {
      return "";
    }
    return path.startsWith(prefix + ".") ? path.substring(prefix.length() + 1) : path;
  }
}
