package dev.sluice.bench.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a language that reads Jackson trees costs on Sluice's records, which hold Java maps: the
 * conversion each way for {@link SampleEvent}. Decoding the JSON bytes into either form is shown
 * for scale: a stream pays it once per record whatever the language.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ExpressionInputConversionBenchmark {

  Map<String, Object> map;
  JsonNode tree;

  /** Decodes the event once into each form. */
  @Setup
  public void setUp() {
    map = SampleEvent.asMap();
    tree = SampleEvent.asTree();
  }

  @Benchmark
  public JsonNode mapToTree() {
    return SampleEvent.MAPPER.valueToTree(map);
  }

  @Benchmark
  public Object treeToMap() {
    return SampleEvent.MAPPER.convertValue(tree, Map.class);
  }

  @Benchmark
  public Object decodeBytesToMap() throws IOException {
    return SampleEvent.MAPPER.readValue(SampleEvent.BYTES, Map.class);
  }

  @Benchmark
  public JsonNode decodeBytesToTree() throws IOException {
    return SampleEvent.MAPPER.readTree(SampleEvent.BYTES);
  }
}
