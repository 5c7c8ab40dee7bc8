package dev.sluice.definitions;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.definition.ComponentConfig;
import dev.sluice.api.definition.DesiredState;
import dev.sluice.api.definition.ErrorPolicy;
import dev.sluice.api.definition.ErrorPolicy.Action;
import dev.sluice.api.definition.ErrorPolicy.Retry;
import dev.sluice.api.definition.Guarantee;
import dev.sluice.api.definition.Metadata;
import dev.sluice.api.definition.StreamDefinition;
import dev.sluice.api.definition.StreamSpec;
import dev.sluice.api.expression.ExpressionLanguage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads one {@code Stream} document node, field by field, into a {@link StreamDefinition}. Every
 * problem is recorded; the definition is built only when there are none.
 */
final class StreamDocumentReader {

  /** An RFC 1123 DNS label, as Kubernetes names are. */
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private static final Pattern LABEL_NAME =
      Pattern.compile("([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

  private static final Pattern LABEL_VALUE =
      Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

  private static final int MAX_PARALLELISM = 1024;
  /** The out-of-process processor, which runs outside Kafka transactions. */
  private static final String OUT_OF_PROCESS = "plugin";
  private static final String SWITCH = "switch";
  /** Processors the engine runs between topics or on state stores, for every record of a stream. */
  private static final Set<String> NOT_IN_SWITCH = Set.of("window", "dedupe", "join", OUT_OF_PROCESS);

  private final ComponentCatalog catalog;
  private final ProblemCollector problems = new ProblemCollector();
  private final Scalars scalars = new Scalars(problems);
  private final ConfigReader configs;

  StreamDocumentReader(ComponentCatalog catalog, ExpressionLanguage expressions) {
    this.catalog = catalog;
    this.configs = new ConfigReader(problems, expressions);
  }

  ReadResult read(Node document) {
    Located root = new Located("", document);
    int line = root.line();
    if (!root.isMapping()) {
      problems.add(root, "a stream document is an object with apiVersion, kind, metadata and spec; got "
          + root.describe());
      return ReadResult.invalid(problems.toList(), line);
    }
    ObjectFields fields = new ObjectFields(root, problems);
    fields.require("apiVersion", StreamDefinition.API_VERSION).ifPresent(v -> expect(v,
        StreamDefinition.API_VERSION, "apiVersion '%s' is not supported; use " + StreamDefinition.API_VERSION));
    fields.require("kind", StreamDefinition.KIND).ifPresent(v -> expect(v,
        StreamDefinition.KIND, "kind '%s' is not known; use " + StreamDefinition.KIND));
    Optional<Metadata> metadata = fields.require("metadata", "an object with at least a name")
        .flatMap(this::metadata);
    Optional<StreamSpec> spec = fields.require("spec", "an object with input and output")
        .flatMap(this::spec);
    fields.take("status").ifPresent(s -> problems.add(s,
        "status is written by Sluice, not by users; remove it from the document"));
    fields.rejectUnknown(List.of("apiVersion", "kind", "metadata", "spec"));
    if (!problems.isEmpty() || metadata.isEmpty() || spec.isEmpty()) {
      return ReadResult.invalid(problems.toList(), line);
    }
    return ReadResult.valid(new StreamDefinition(metadata.get(), spec.get()), line);
  }

  private void expect(Located at, String expected, String messageFormat) {
    scalars.string(at).filter(v -> !v.equals(expected))
        .ifPresent(v -> problems.add(at, messageFormat.formatted(v)));
  }

  private Optional<Metadata> metadata(Located at) {
    if (!isObject(at, "name, namespace and labels")) {
      return Optional.empty();
    }
    ObjectFields fields = new ObjectFields(at, problems);
    Optional<String> name = fields.require("name", "a DNS label such as page-events")
        .flatMap(n -> dnsLabel(n, "name"));
    String namespace = fields.take("namespace").filter(n -> !n.isNull())
        .map(n -> dnsLabel(n, "namespace").orElse(null))
        .orElse(Metadata.DEFAULT_NAMESPACE);
    Map<String, String> labels = fields.take("labels").filter(l -> !l.isNull())
        .map(this::labels).orElse(Map.of());
    Long resourceVersion = fields.take("resourceVersion").filter(v -> !v.isNull())
        .flatMap(v -> scalars.integer(v, 0L, null)).orElse(null);
    fields.rejectUnknown(List.of("name", "namespace", "labels", "resourceVersion"));
    if (name.isEmpty() || namespace == null) {
      return Optional.empty();
    }
    return Optional.of(new Metadata(name.get(), namespace, labels, resourceVersion));
  }

  private Optional<String> dnsLabel(Located at, String what) {
    return scalars.string(at).filter(value -> {
      if (DNS_LABEL.matcher(value).matches()) {
        return true;
      }
      problems.add(at, "'" + value + "' is not a valid " + what + ": use at most 63 lower-case letters, "
          + "digits and '-', starting and ending with a letter or digit (for example "
          + value.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "") + ")");
      return false;
    });
  }

  private Map<String, String> labels(Located at) {
    if (!isObject(at, "name: value pairs")) {
      return Map.of();
    }
    Map<String, String> labels = new LinkedHashMap<>();
    ObjectFields fields = new ObjectFields(at, problems);
    for (String key : List.copyOf(fields.names())) {
      Located value = fields.take(key).orElseThrow();
      if (!LABEL_NAME.matcher(key).matches()) {
        problems.add(value, "label name '" + key + "' is not valid: use letters, digits, '-', '_' and '.', "
            + "at most 63, with an optional DNS prefix and '/'");
      }
      scalars.string(value).ifPresent(v -> {
        if (LABEL_VALUE.matcher(v).matches()) {
          labels.put(key, v);
        } else {
          problems.add(value, "label value '" + v + "' is not valid: use at most 63 letters, digits, "
              + "'-', '_' and '.', starting and ending with a letter or digit");
        }
      });
    }
    return labels;
  }

  private Optional<StreamSpec> spec(Located at) {
    if (!isObject(at, "input, pipeline, output and options")) {
      return Optional.empty();
    }
    ObjectFields fields = new ObjectFields(at, problems);
    DesiredState state = optional(fields, "state").flatMap(s -> scalars.word(s, DesiredState.class))
        .orElse(DesiredState.ACTIVE);
    int parallelism = optional(fields, "parallelism")
        .flatMap(p -> scalars.integer(p, 1L, (long) MAX_PARALLELISM)).orElse(1L).intValue();
    Optional<Located> guaranteeNode = optional(fields, "guarantee");
    Guarantee guarantee = guaranteeNode.flatMap(g -> scalars.word(g, Guarantee.class))
        .orElse(Guarantee.AT_LEAST_ONCE);
    Optional<ComponentConfig> input = fields.require("input", "one input, such as {generate: {...}}")
        .flatMap(i -> component(i, ComponentKind.INPUT));
    List<ComponentConfig> processors = optional(fields, "pipeline").map(this::pipeline).orElse(List.of());
    Optional<ComponentConfig> output = fields.require("output", "one output, such as {kafka: {...}}")
        .flatMap(o -> component(o, ComponentKind.OUTPUT));
    ErrorPolicy errors = optional(fields, "errors").map(this::errors).orElse(ErrorPolicy.defaults());
    fields.rejectUnknown(
        List.of("state", "parallelism", "guarantee", "input", "pipeline", "output", "errors"));
    if (guarantee == Guarantee.EXACTLY_ONCE) {
      boolean kafkaBothEnds = input.map(StreamDocumentReader::systemKafka).orElse(true)
          && output.map(StreamDocumentReader::systemKafka).orElse(true);
      if (!kafkaBothEnds) {
        problems.add(guaranteeNode.orElseThrow(), "exactly-once needs a kafka input and a kafka output "
            + "on Sluice's own cluster (no 'bootstrap'), because it rests on Kafka transactions; "
            + "use at-least-once for other connectors and clusters");
      }
      if (processors.stream().anyMatch(p -> p.type().equals(OUT_OF_PROCESS))) {
        problems.add(guaranteeNode.orElseThrow(), "exactly-once is not available with a 'plugin' processor: "
            + "it runs out of process, between two topics, outside Kafka transactions (ADR 8); "
            + "use at-least-once and make the plugin safe to see a record twice");
      }
      output.filter(StreamDocumentReader::systemKafka).map(ComponentConfig::config)
          .filter(c -> !"all".equals(c.getOrDefault("acks", "all")) || Boolean.FALSE.equals(c.get("idempotence")))
          .ifPresent(c -> problems.add(guaranteeNode.orElseThrow(), "exactly-once writes with acks all and "
              + "idempotence on; remove acks and idempotence from the kafka output, or use at-least-once"));
    }
    if (input.isEmpty() || output.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new StreamSpec(state, parallelism, guarantee, input.get(), processors,
        output.get(), errors));
  }

  private List<ComponentConfig> pipeline(Located at) {
    if (!isObject(at, "processors")) {
      return List.of();
    }
    ObjectFields fields = new ObjectFields(at, problems);
    List<ComponentConfig> processors = optional(fields, "processors").map(list -> processorList(list, false))
        .orElse(List.of());
    fields.rejectUnknown(List.of("processors"));
    return processors;
  }

  /** A list of processor slots; inside a switch, one of those the engine runs between topics or on state is refused. */
  private List<ComponentConfig> processorList(Located list, boolean inSwitch) {
    if (!list.isSequence()) {
      problems.add(list, "expected a list of processors, each written as '- name: config', got " + list.describe());
      return List.of();
    }
    List<ComponentConfig> processors = new ArrayList<>();
    List<Node> items = ((SequenceNode) list.node()).getValue();
    for (int i = 0; i < items.size(); i++) {
      Located item = list.item(i, items.get(i));
      Optional<ComponentConfig> processor = component(item, ComponentKind.PROCESSOR);
      if (inSwitch && processor.filter(p -> NOT_IN_SWITCH.contains(p.type())).isPresent()) {
        problems.add(item, processor.get().type() + " cannot run inside a switch case: it keeps state or "
            + "runs between topics, for every record of the stream; put it after the switch (a filter or "
            + "key can tell the cases' records apart there)");
      } else {
        processor.ifPresent(processors::add);
      }
    }
    return processors;
  }

  /**
   * A switch's cases with their {@code processors} read as {@code pipeline.processors} are, each
   * as {@code {type: config}}, so that the engine builds them like the stream's own.
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> switchCases(Located config, Map<String, Object> values) {
    Located casesAt = config.isSequence() ? config : config.descend("cases");
    if (!(values.get("cases") instanceof List<?> cases) || !casesAt.isSequence()) {
      return values;
    }
    List<Node> nodes = ((SequenceNode) casesAt.node()).getValue();
    List<Object> read = new ArrayList<>();
    for (int i = 0; i < cases.size() && i < nodes.size(); i++) {
      Map<String, Object> oneCase = new LinkedHashMap<>((Map<String, Object>) cases.get(i));
      Located processors = casesAt.item(i, nodes.get(i)).descend("processors");
      oneCase.put("processors", !processors.path().endsWith(".processors") ? List.of()
          : processorList(processors, true).stream().map(p -> Map.of(p.type(), p.config())).toList());
      read.add(oneCase);
    }
    Map<String, Object> result = new LinkedHashMap<>(values);
    result.put("cases", read);
    return result;
  }

  /** Kafka on the cluster Sluice runs on: the topology reads or writes it in one transaction. */
  private static boolean systemKafka(ComponentConfig component) {
    return component.type().equals("kafka") && !component.config().containsKey("bootstrap");
  }

  /** A slot holding exactly one component, written as {@code {name: config}}. */
  private Optional<ComponentConfig> component(Located at, ComponentKind kind) {
    List<String> known = catalog.names(kind);
    String example = "such as '" + (known.isEmpty() ? "name" : known.get(0)) + ": {...}'";
    if (!at.isMapping()) {
      problems.add(at, "expected one " + kind.word() + " written as " + example + ", got " + at.describe());
      return Optional.empty();
    }
    ObjectFields fields = new ObjectFields(at, problems);
    List<String> names = List.copyOf(fields.names());
    if (names.size() != 1) {
      problems.add(at, names.isEmpty()
          ? "name one " + kind.word() + ", " + example + "; known: " + String.join(", ", known)
          : "a " + kind.word() + " slot holds exactly one component, found " + names.size() + ": "
              + String.join(", ", names) + "; keep one");
      return Optional.empty();
    }
    String name = names.get(0);
    Located config = fields.take(name).orElseThrow();
    Optional<ComponentDescriptor> descriptor = catalog.find(kind, name);
    if (descriptor.isEmpty()) {
      problems.add(config, "unknown " + kind.word() + " '" + name + "'; " + Suggestions.hint(name, known));
      return Optional.empty();
    }
    int before = problems.size();
    Map<String, Object> values = configs.read(config, descriptor.get().spec());
    if (problems.size() == before) {
      for (Problem p : descriptor.get().check().check(values)) {
        if (!configs.holdsReference(config.path() + "." + p.path())) {
          problems.near(config, p);
        }
      }
    }
    if (kind == ComponentKind.PROCESSOR && name.equals(SWITCH)) {
      values = switchCases(config, values);
    }
    return Optional.of(new ComponentConfig(name, values));
  }

  private ErrorPolicy errors(Located at) {
    if (!isObject(at, "policy, retry and fallback")) {
      return ErrorPolicy.defaults();
    }
    ErrorPolicy defaults = ErrorPolicy.defaults();
    ObjectFields fields = new ObjectFields(at, problems);
    Action policy = optional(fields, "policy").flatMap(p -> scalars.word(p, Action.class))
        .orElse(defaults.policy());
    Retry retry = optional(fields, "retry").map(this::retry).orElse(defaults.retry());
    Optional<Located> fallbackNode = optional(fields, "fallback");
    Action fallback = fallbackNode.flatMap(f -> scalars.word(f, Action.class)).orElse(defaults.fallback());
    fields.rejectUnknown(List.of("policy", "retry", "fallback"));
    if (fallbackNode.isPresent() && policy != Action.RETRY) {
      problems.add(fallbackNode.get(), "fallback applies only when policy is retry; remove it or set policy: retry");
    }
    if (fallback == Action.RETRY) {
      problems.add(fallbackNode.orElseThrow(), "fallback cannot be retry; use fail, drop or dead-letter");
      fallback = defaults.fallback();
    }
    return new ErrorPolicy(policy, retry, fallback);
  }

  private Retry retry(Located at) {
    Retry defaults = Retry.defaults();
    if (!isObject(at, "max, backoff and maxBackoff")) {
      return defaults;
    }
    ObjectFields fields = new ObjectFields(at, problems);
    int max = optional(fields, "max").flatMap(m -> scalars.integer(m, 0L, 1000L))
        .map(Long::intValue).orElse(defaults.max());
    Duration backoff = optional(fields, "backoff").flatMap(scalars::duration).orElse(defaults.backoff());
    Duration maxBackoff = optional(fields, "maxBackoff").flatMap(scalars::duration)
        .orElse(defaults.maxBackoff().compareTo(backoff) < 0 ? backoff : defaults.maxBackoff());
    fields.rejectUnknown(List.of("max", "backoff", "maxBackoff"));
    return new Retry(max, backoff, maxBackoff);
  }

  private boolean isObject(Located at, String contents) {
    if (at.isMapping()) {
      return true;
    }
    problems.add(at, "expected an object with " + contents + ", got " + at.describe());
    return false;
  }

  private static Optional<Located> optional(ObjectFields fields, String name) {
    return fields.take(name).filter(v -> !v.isNull());
  }
}
