package dev.sluice.bench.remote;

import com.google.protobuf.ByteString;
import dev.sluice.dataplane.remote.PluginManifest;
import dev.sluice.dataplane.remote.PluginProcess;
import dev.sluice.dataplane.remote.RemoteProcessor;
import dev.sluice.dataplane.remote.RemoteProcessorSettings;
import dev.sluice.dataplane.remote.RemoteResult;
import dev.sluice.examples.processor.UppercaseFunction;
import dev.sluice.proto.v1.PluginRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The same function, the Java example plugin's upper-casing of a field, run three ways over the
 * same records as a stage would hold them (key and JSON value bytes, as read from Kafka): (1)
 * in-process, one call per record on the calling thread; (2) out of process through {@link
 * RemoteProcessor} at batch 1 with one call in flight (what a synchronous call per record inside a
 * Kafka Streams topology would do); (3) out of process at batch 100 with {@code --in-flight}
 * batches in flight. The plugin is launched once from its plugin.yaml by {@link PluginProcess}.
 *
 * <p>Round 1 is a warm-up (both JVMs compile the code paths) and is printed but left out; the
 * table gives the median records/s of the counted rounds and each out-of-process variant's ratio
 * to in-process. Before timing, every round checks that the remote results equal the in-process
 * ones. Runs on the calling thread; prints progress per variant.
 */
@Command(name = "remote-benchmark", mixinStandardHelpOptions = true,
    description = "In-process vs out-of-process processor (Java example plugin), batch 1 and batch 100.")
public final class RemoteProcessorBenchmark implements Callable<Integer> {

  private static final String CONFIG = "{\"field\": \"agent\"}";
  private static final int CHUNK = 1_000;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--records", defaultValue = "1000000", description = "records per round, in-process and batch 100")
  int records;

  @Option(names = "--batch1-records", defaultValue = "20000", description = "records per round at batch 1")
  int batch1Records;

  @Option(names = "--rounds", defaultValue = "3", description = "counted rounds, after one warm-up round")
  int rounds;

  @Option(names = "--in-flight", defaultValue = "4", description = "batches in flight at batch 100")
  int inFlight;

  @Option(names = "--plugin", defaultValue = "plugins/examples/java-processor",
      description = "directory of the Java example plugin (its plugin.yaml), built")
  Path plugin;

  public static void main(String[] args) {
    System.exit(new CommandLine(new RemoteProcessorBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    requirePositive("--records", records, "--records=200000");
    requirePositive("--batch1-records", batch1Records, "--batch1-records=20000");
    requirePositive("--rounds", rounds, "--rounds=3");
    requirePositive("--in-flight", inFlight, "--in-flight=4");
    List<PluginRecord> input = events(records);
    List<PluginRecord> input1 = input.subList(0, Math.min(batch1Records, records));
    UppercaseFunction function = UppercaseFunction.fromConfig(CONFIG);
    RemoteProcessorSettings batch1 = RemoteProcessorSettings.DEFAULTS.withBatchSize(1).withMaxInFlight(1);
    RemoteProcessorSettings batch100 = RemoteProcessorSettings.DEFAULTS.withBatchSize(100).withMaxInFlight(inFlight);
    double[][] rates = new double[3][rounds];
    try (PluginProcess process = PluginProcess.start(PluginManifest.read(plugin))) {
      long pid = process.pid().orElseThrow();
      System.out.printf("records/s (CPU microseconds per record, benchmark + plugin process)%n");
      System.out.printf("%-12s %22s %22s %22s %7s %7s%n", "round", "in-process", "batch 1", "batch 100",
          "b1/in", "b100/in");
      for (int round = 0; round <= rounds; round++) {
        Measurement in = measure(input.size(), pid, () -> inProcess(function, input));
        Measurement one = remoteRate(process.target(), pid, batch1, input1, function);
        Measurement hundred = remoteRate(process.target(), pid, batch100, input, function);
        System.out.printf("%-12s %22s %22s %22s %7.2f %7.2f%n", round == 0 ? "1 (warm-up)" : round + 1,
            in, one, hundred, one.perSecond / in.perSecond, hundred.perSecond / in.perSecond);
        if (round > 0) {
          rates[0][round - 1] = in.perSecond;
          rates[1][round - 1] = one.perSecond;
          rates[2][round - 1] = hundred.perSecond;
        }
      }
    }
    double in = median(rates[0]);
    double one = median(rates[1]);
    double hundred = median(rates[2]);
    System.out.printf("%nmedian of %d rounds: in-process %,.0f records/s; batch 1 %,.0f (%.2fx); "
        + "batch 100, %d in flight %,.0f (%.2fx, target >= 0.6x: %s)%n", rounds, in, one, one / in, inFlight,
        hundred, hundred / in, hundred / in >= 0.6 ? "met" : "missed");
    return 0;
  }

  /** Throughput of one run and the CPU it took in both processes. */
  private record Measurement(double perSecond, double cpuMicrosPerRecord) {
    @Override
    public String toString() {
      return String.format("%,.0f (%.1f us)", perSecond, cpuMicrosPerRecord);
    }
  }

  /** What a stage would do with the function in its own JVM: one call per record. */
  static List<PluginRecord> inProcess(UppercaseFunction function, List<PluginRecord> input) {
    List<PluginRecord> out = new ArrayList<>(input.size());
    for (PluginRecord record : input) {
      out.add(record.toBuilder().setValue(ByteString.copyFrom(function.apply(record.getValue().toByteArray())))
          .build());
    }
    return out;
  }

  /** The input through the plugin, handed over in chunks of 1,000 as a stage polls them. */
  static List<PluginRecord> remote(RemoteProcessor remote, List<PluginRecord> input) throws Exception {
    List<CompletableFuture<List<RemoteResult>>> futures = new ArrayList<>();
    for (int from = 0; from < input.size(); from += CHUNK) {
      futures.add(remote.process(input.subList(from, Math.min(from + CHUNK, input.size()))));
    }
    List<PluginRecord> out = new ArrayList<>(input.size());
    for (CompletableFuture<List<RemoteResult>> future : futures) {
      for (RemoteResult result : future.get()) {
        if (!(result instanceof RemoteResult.Output output)) {
          throw new IllegalStateException("the plugin refused a benchmark record: " + result);
        }
        out.addAll(output.records());
      }
    }
    return out;
  }

  private static Measurement remoteRate(String target, long pluginPid, RemoteProcessorSettings settings,
      List<PluginRecord> input, UppercaseFunction function) throws Exception {
    try (RemoteProcessor remote = new RemoteProcessor("bench", target, CONFIG, settings)) {
      List<PluginRecord> sample = input.subList(0, Math.min(100, input.size()));
      if (!remote(remote, sample).equals(inProcess(function, sample))) {
        throw new IllegalStateException("the plugin's results differ from the in-process function's");
      }
      return measure(input.size(), pluginPid, () -> remote(remote, input));
    }
  }

  private interface Run {
    Object run() throws Exception;
  }

  private static Measurement measure(int count, long pluginPid, Run run) throws Exception {
    double cpuBefore = cpuSeconds(pluginPid);
    long start = System.nanoTime();
    run.run();
    long nanos = System.nanoTime() - start;
    return new Measurement(count / (nanos / 1e9), (cpuSeconds(pluginPid) - cpuBefore) * 1e6 / count);
  }

  /** CPU time so far of this JVM and of the plugin's process. */
  private static double cpuSeconds(long pluginPid) {
    return Stream.of(ProcessHandle.current(), ProcessHandle.of(pluginPid).orElseThrow())
        .mapToDouble(p -> p.info().totalCpuDuration().orElseThrow().toNanos() / 1e9)
        .sum();
  }

  /** {@code count} events of about 200 bytes of JSON, keyed by user. */
  static List<PluginRecord> events(int count) {
    List<PluginRecord> events = new ArrayList<>(count);
    for (int seq = 0; seq < count; seq++) {
      String user = "u-" + (seq * 7_919 % 10_000);
      String json = "{\"seq\":" + seq + ",\"user\":\"" + user + "\",\"amount\":" + ((seq * 37) % 100_000 + 1)
          + ",\"page\":\"/products/" + (seq % 997) + "\",\"ts\":" + (1_700_000_000_000L + seq)
          + ",\"agent\":\"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 bench/1.0\"}";
      events.add(PluginRecord.newBuilder()
          .setKey(ByteString.copyFromUtf8(user))
          .setValue(ByteString.copyFrom(json, StandardCharsets.UTF_8))
          .setTimestampMs(1_700_000_000_000L + seq)
          .build());
    }
    return events;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private void requirePositive(String option, int value, String example) {
    if (value < 1) {
      throw new ParameterException(spec.commandLine(),
          option + ": '" + value + "' is out of range; write a whole number from 1, e.g. " + example);
    }
  }
}
