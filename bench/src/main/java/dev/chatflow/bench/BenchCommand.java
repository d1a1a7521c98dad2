package dev.chatflow.bench;

import dev.chatflow.bench.baseline.KafkaBaseline;
import dev.chatflow.bench.report.BenchReport;
import dev.chatflow.bench.report.Reports;
import dev.chatflow.bench.run.Fleet;
import dev.chatflow.bench.run.Injection;
import dev.chatflow.bench.run.LoadRun;
import dev.chatflow.bench.run.Params;
import dev.chatflow.bench.run.RunResult;
import dev.chatflow.bench.system.ServiceStats;
import dev.chatflow.bench.system.SystemUnderTest;
import dev.chatflow.kit.config.Config;
import dev.chatflow.schemas.topics.Topics;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./chatflow bench}: drives chatflow as clients would and reports throughput, end-to-end latency
 * (send → socket receive), and every duplicate, gap and loss — next to raw Kafka on the same broker.
 * Exits non-zero when any delivery was wrong or any send failed.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load-test chatflow end to end and compare with raw Kafka.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--rate", defaultValue = "1000", description = "Messages per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
            description = "Measured time, e.g. 30s, 2m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "60s", converter = DurationConverter.class,
            description = "Unmeasured time before it, the rate ramping up from zero so that freshly started "
                    + "services reach their steady state (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--sockets", defaultValue = "200", description = "Delivery WebSockets (default: ${DEFAULT-VALUE}).")
    int sockets;

    @Option(names = "--channels", defaultValue = "20", description = "Channels the sockets spread over (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--senders", defaultValue = "8", description = "Sending users/connections (default: ${DEFAULT-VALUE}).")
    int senders;

    @Option(names = "--transport", defaultValue = "WS", description = "How to send: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Params.Transport transport;

    @Option(names = "--message-bytes", defaultValue = "200", description = "Text size per message (default: ${DEFAULT-VALUE}).")
    int messageBytes;

    @Option(names = "--drain", defaultValue = "30s", converter = DurationConverter.class,
            description = "After the last send, how long to wait for answers and deliveries; what has not arrived "
                    + "by then counts as lost (default: ${DEFAULT-VALUE}).")
    Duration drain;

    @Option(names = "--output", description = "Directory for bench-report.json and latency.html.")
    Path output;

    @Option(names = "--max-throughput", description = "Raise the rate step by step until p99 exceeds --p99-bound or errors appear; "
            + "the first step warms up for --warmup, later ones for 10 s.")
    boolean maxThroughput;

    @Option(names = "--p99-bound", defaultValue = "100ms", converter = DurationConverter.class,
            description = "Highest acceptable p99 in --max-throughput (default: ${DEFAULT-VALUE}).")
    Duration p99Bound;

    @Option(names = "--step", defaultValue = "1.5", description = "Rate factor between --max-throughput steps (default: ${DEFAULT-VALUE}).")
    double step;

    @Option(names = "--max-steps", defaultValue = "12", description = "At most this many steps (default: ${DEFAULT-VALUE}).")
    int maxSteps;

    @Option(names = "--ingest-url", description = "Drive a running system: the ingest gateway, e.g. http://127.0.0.1:8080.")
    URI ingestUrl;

    @Option(names = "--delivery-url", description = "With --ingest-url: the delivery gateway, e.g. http://127.0.0.1:8081.")
    URI deliveryUrl;

    @Option(names = "--processor-url", description = "With --ingest-url: the processor (for its CPU and heap), e.g. http://127.0.0.1:8082.")
    URI processorUrl;

    @Option(names = "--bootstrap-servers", description = "With --ingest-url: the system's Kafka, for the baseline.")
    String bootstrapServers;

    @Option(names = "--project-dir", defaultValue = "${sys:user.dir}", description = "chatflow checkout whose built services the bench starts.")
    Path projectDir;

    @Option(names = "--data-dir", description = "Where the bench's own stack lives (default: <project>/target/bench-stack).")
    Path dataDir;

    @Option(names = "--service-env", split = ",", description = "Extra KEY=VALUE settings for the services the bench starts.")
    Map<String, String> serviceEnv = new java.util.LinkedHashMap<>();

    @Option(names = "--no-baseline", description = "Skip the raw Kafka baseline.")
    boolean noBaseline;

    @Option(names = "--inject", defaultValue = "NONE", description = "Fault injected into the bench's own receiving side to "
            + "prove it is noticed: ${COMPLETION-CANDIDATES}.")
    Injection injection;

    /**
     * What the bench's own system runs with: the per-user rate limit is lifted, since a few bench users
     * stand for many people. (Against a running system, raise it there, or use more --senders.)
     */
    static final Map<String, String> BENCH_SERVICE_ENV = Map.of(
            "CHATFLOW_RATE_LIMIT_PER_SECOND", "1000000",
            "CHATFLOW_RATE_LIMIT_BURST", "1000000");

    private PrintStream out = System.out;

    /** Where progress and the summary go (standard output by default). */
    public void setOut(PrintStream stream) {
        this.out = stream;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // the system could not be started or reached: say why, without a stack trace
                    cmd.getErr().println(cmd.getColorScheme().errorText("bench: " + e.getMessage()));
                    return 2;
                })
                .execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Params params = new Params(rate, duration, warmup, sockets, channels, senders, transport, messageBytes);
        try (SystemUnderTest system = system(); ServiceStats stats = new ServiceStats(system.services())) {
            system.services().forEach((name, url) -> out.printf("  %-17s %s%n", name, url));
            out.printf("  %-17s %s%n", "kafka", system.bootstrapServers());
            return run(system, stats, params);
        }
    }

    private int run(SystemUnderTest system, ServiceStats stats, Params params) throws Exception {
        try (Fleet fleet = Fleet.create(system, params, UUID.randomUUID().toString().substring(0, 6), out)) {
            List<RunResult> runs = new ArrayList<>();
            RunResult result;
            if (maxThroughput) {
                result = rampUp(fleet, params, runs);
            } else {
                out.printf("running %.0f msg/s for %s after a %s warm-up%n", rate, duration, warmup);
                result = new LoadRun(fleet, params, drain, out).run(injection);
                runs.add(result);
            }
            KafkaBaseline.Result baseline = null;
            if (!noBaseline) {
                long records = result == null ? params.totalMessages() : Math.max(1, result.sent());
                out.printf("raw Kafka baseline: %d records of %d bytes ...%n", records, messageBytes);
                baseline = KafkaBaseline.run(system.bootstrapServers(), records, messageBytes, Topics.RAW_MESSAGES.partitions());
            }
            List<String> failures = failures(result, runs);
            Double ratio = baseline == null || result == null ? null : result.achievedRate() / baseline.endToEndPerSec();
            BenchReport report = new BenchReport(maxThroughput ? "max-throughput" : "fixed-rate", params,
                    Reports.machine(), runs, result, baseline, ratio, stats.usage(), failures.isEmpty(), failures);
            Reports.printSummary(report, out);
            if (output != null) {
                Reports.write(report, output);
                out.println("report: " + output.resolve("bench-report.json") + ", chart: " + output.resolve("latency.html"));
            }
            return failures.isEmpty() ? 0 : 1;
        }
    }

    /** Warm-up of the steps after the first in --max-throughput: a ramp to the new rate, not a cold start. */
    private static final Duration LATER_STEP_WARMUP = Duration.ofSeconds(10);

    /** Steps the rate up until a step is not sustained; the result is the last sustained step. */
    private RunResult rampUp(Fleet fleet, Params params, List<RunResult> runs) throws InterruptedException {
        RunResult best = null;
        double current = rate;
        for (int i = 0; i < maxSteps; i++) {
            out.printf("step %d: %.0f msg/s for %s%n", i + 1, current, duration);
            Params stepParams = params.withRate(current);
            if (i > 0 && stepParams.warmup().compareTo(LATER_STEP_WARMUP) > 0) {
                stepParams = stepParams.withWarmup(LATER_STEP_WARMUP); // the system is warm by now
            }
            RunResult r = new LoadRun(fleet, stepParams, drain, out).run(Injection.NONE);
            runs.add(r);
            boolean sustained = r.clean() && r.latency().p99() <= p99Bound.toMillis() && r.achievedRate() >= 0.95 * current;
            out.printf("step %d: %s (achieved %.0f msg/s, p99 %.1f ms)%n", i + 1, sustained ? "sustained" : "NOT sustained",
                    r.achievedRate(), r.latency().p99());
            if (!sustained) {
                break;
            }
            best = r;
            current *= step;
        }
        return best;
    }

    private List<String> failures(RunResult result, List<RunResult> runs) {
        List<String> failures = new ArrayList<>();
        List<RunResult> checked = maxThroughput ? (result == null ? List.of() : List.of(result)) : runs;
        for (RunResult r : checked) {
            if (r.duplicates() > 0) {
                failures.add(r.duplicates() + " duplicate deliveries");
            }
            if (r.gaps() > 0) {
                failures.add(r.gaps() + " seq gaps");
            }
            if (r.losses() > 0) {
                failures.add(r.losses() + " deliveries lost (not received within --drain " + drain.toSeconds() + " s)");
            }
            if (r.outOfOrder() > 0) {
                failures.add(r.outOfOrder() + " deliveries out of order");
            }
            if (r.errors() > 0) {
                failures.add(r.errors() + " failed sends " + r.errorCodes());
            }
        }
        if (maxThroughput && result == null) {
            failures.add("not even the first rate was sustained");
        }
        return failures;
    }

    private SystemUnderTest system() {
        if (ingestUrl != null) {
            if (deliveryUrl == null || bootstrapServers == null) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--ingest-url needs --delivery-url and --bootstrap-servers too");
            }
            return SystemUnderTest.external(ingestUrl, deliveryUrl, processorUrl, bootstrapServers);
        }
        Path dir = dataDir != null ? dataDir : projectDir.resolve("target").resolve("bench-stack");
        out.println("starting chatflow on a clean local stack in " + dir + " ...");
        Map<String, String> env = new java.util.LinkedHashMap<>(BENCH_SERVICE_ENV);
        env.putAll(serviceEnv);
        return SystemUnderTest.start(projectDir, dir, env);
    }

    /** Reads durations as the services' settings do: 500ms, 30s, 2m, 1h or ISO-8601. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Config.parseDuration(value);
        }
    }
}
