package dev.sluice.bench.expression;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.schibsted.spt.data.jslt.Parser;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import dev.sluice.expression.JsonataLanguage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The four candidate expression languages on the same two cases over {@link SampleEvent}: a
 * mapping (a new object from four fields, one computed, one concatenated) and a predicate. Each
 * library reads its natural input: JSONata and CEL Java maps (CEL's with {@code Long} integers
 * only), JSLT and jackson-jq Jackson trees. The {@code ...OnMap} cases add what CEL, JSLT and jq
 * cost on Sluice's records, which are maps as Jackson decodes them: widening integers for CEL; the
 * conversion to a tree and, for mappings, back for JSLT and jq. {@code jsonataRaw...} is the
 * library without Sluice's wrapper (a frame per call only: no budget, no result check).
 *
 * <p>Each method evaluates one record and returns the result for JMH to consume. The same cases are
 * checked for equal results in {@code ExpressionBenchmarkTest}.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ExpressionBenchmark {

  static final String JSONATA_MAPPING =
      "{\"user\": user, \"name\": first & \" \" & last, \"total\": amount * quantity, "
          + "\"currency\": currency}";
  static final String JSONATA_PREDICATE = "type != 'view' and amount > 100";

  /** CEL has no mixed int/double arithmetic: the int must be converted. */
  static final String CEL_MAPPING =
      "{\"user\": e.user, \"name\": e.first + \" \" + e.last, "
          + "\"total\": e.amount * double(e.quantity), \"currency\": e.currency}";
  static final String CEL_PREDICATE = "e.type != \"view\" && e.amount > 100.0";

  static final String JSLT_MAPPING =
      "{\"user\": .user, \"name\": .first + \" \" + .last, \"total\": .amount * .quantity, "
          + "\"currency\": .currency}";
  static final String JSLT_PREDICATE = ".type != \"view\" and .amount > 100";

  static final String JQ_MAPPING =
      "{user: .user, name: (.first + \" \" + .last), total: (.amount * .quantity), "
          + "currency: .currency}";
  static final String JQ_PREDICATE = ".type != \"view\" and .amount > 100";

  Map<String, Object> map;
  Map<String, Object> celMap;
  JsonNode tree;

  Expression sluiceMapping;
  Expression sluicePredicate;
  Jsonata jsonataMapping;
  Jsonata jsonataPredicate;
  CelRuntime.Program celMapping;
  CelRuntime.Program celPredicate;
  com.schibsted.spt.data.jslt.Expression jsltMapping;
  com.schibsted.spt.data.jslt.Expression jsltPredicate;
  net.thisptr.jackson.jq.Scope jqScope;
  JsonQuery jqMapping;
  JsonQuery jqPredicate;

  /** Compiles every expression once, as Sluice does per stream revision. */
  @Setup
  public void setUp() throws Exception {
    map = SampleEvent.asMap();
    celMap = SampleEvent.asCelMap();
    tree = SampleEvent.asTree();

    JsonataLanguage language = new JsonataLanguage();
    sluiceMapping = language.compile(JSONATA_MAPPING);
    sluicePredicate = language.compile(JSONATA_PREDICATE);
    jsonataMapping = Jsonata.jsonata(JSONATA_MAPPING);
    jsonataPredicate = Jsonata.jsonata(JSONATA_PREDICATE);

    CelCompiler cel = CelCompilerFactory.standardCelCompilerBuilder()
        .addVar("e", MapType.create(SimpleType.STRING, SimpleType.DYN))
        .build();
    CelRuntime celRuntime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
    celMapping = celRuntime.createProgram(cel.compile(CEL_MAPPING).getAst());
    celPredicate = celRuntime.createProgram(cel.compile(CEL_PREDICATE).getAst());

    jsltMapping = Parser.compileString(JSLT_MAPPING);
    jsltPredicate = Parser.compileString(JSLT_PREDICATE);

    jqScope = net.thisptr.jackson.jq.Scope.newEmptyScope();
    BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, jqScope);
    jqMapping = JsonQuery.compile(JQ_MAPPING, Versions.JQ_1_6);
    jqPredicate = JsonQuery.compile(JQ_PREDICATE, Versions.JQ_1_6);
  }

  @Benchmark
  public Object jsonataMapping() throws ExpressionException {
    return sluiceMapping.evaluate(map, Map.of());
  }

  @Benchmark
  public Object jsonataPredicate() throws ExpressionException {
    return sluicePredicate.evaluate(map, Map.of());
  }

  @Benchmark
  public Object jsonataRawMapping() {
    return jsonataMapping.evaluate(map, jsonataMapping.createFrame());
  }

  @Benchmark
  public Object jsonataRawPredicate() {
    return jsonataPredicate.evaluate(map, jsonataPredicate.createFrame());
  }

  @Benchmark
  public Object celMapping() throws CelEvaluationException {
    return celMapping.eval(Map.of("e", celMap));
  }

  @Benchmark
  public Object celPredicate() throws CelEvaluationException {
    return celPredicate.eval(Map.of("e", celMap));
  }

  @Benchmark
  public Object celMappingOnMap() throws CelEvaluationException {
    return celMapping.eval(Map.of("e", SampleEvent.widenIntegers(map)));
  }

  @Benchmark
  public Object celPredicateOnMap() throws CelEvaluationException {
    return celPredicate.eval(Map.of("e", SampleEvent.widenIntegers(map)));
  }

  @Benchmark
  public JsonNode jsltMapping() {
    return jsltMapping.apply(tree);
  }

  @Benchmark
  public JsonNode jsltPredicate() {
    return jsltPredicate.apply(tree);
  }

  @Benchmark
  public Object jsltMappingOnMap() {
    return SampleEvent.MAPPER.convertValue(
        jsltMapping.apply(SampleEvent.MAPPER.valueToTree(map)), Map.class);
  }

  @Benchmark
  public boolean jsltPredicateOnMap() {
    return jsltPredicate.apply(SampleEvent.MAPPER.valueToTree(map)).asBoolean();
  }

  @Benchmark
  public JsonNode jqMapping() throws JsonQueryException {
    return jq(jqMapping, tree);
  }

  @Benchmark
  public JsonNode jqPredicate() throws JsonQueryException {
    return jq(jqPredicate, tree);
  }

  @Benchmark
  public Object jqMappingOnMap() throws JsonQueryException {
    return SampleEvent.MAPPER.convertValue(
        jq(jqMapping, SampleEvent.MAPPER.valueToTree(map)), Map.class);
  }

  @Benchmark
  public boolean jqPredicateOnMap() throws JsonQueryException {
    return jq(jqPredicate, SampleEvent.MAPPER.valueToTree(map)).asBoolean();
  }

  /** jq yields a stream of results; both cases yield exactly one. */
  private JsonNode jq(JsonQuery query, JsonNode input) throws JsonQueryException {
    List<JsonNode> out = new ArrayList<>(1);
    query.apply(net.thisptr.jackson.jq.Scope.newChildScope(jqScope), input, out::add);
    return out.get(0);
  }
}
