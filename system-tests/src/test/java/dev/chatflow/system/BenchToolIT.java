package dev.chatflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.bench.BenchCommand;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.junit.LocalStackExtension;
import dev.chatflow.schemas.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The bench tool itself, driven briefly at a small rate against the running system: a clean run
 * passes with its figures and baseline; a run with an injected duplicate or gap fails and says so.
 */
@ExtendWith({LocalStackExtension.class, ChatflowExtension.class})
class BenchToolIT {

    private final LocalStack stack;
    private final RunningChatflow chatflow;

    BenchToolIT(LocalStack stack, RunningChatflow chatflow) {
        this.stack = stack;
        this.chatflow = chatflow;
    }

    private record Outcome(int exitCode, String output, JsonNode report) {
    }

    private Outcome bench(Path output, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--ingest-url", chatflow.ingest().toString(), "--delivery-url", chatflow.delivery().toString(),
                "--processor-url", chatflow.processor().toString(), "--bootstrap-servers", stack.kafkaBootstrapServers(),
                // small enough for the default per-user rate limit (10/s): 4 senders at 5 msg/s each
                "--rate", "20", "--warmup", "1s", "--duration", "4s", "--sockets", "6", "--channels", "2",
                "--senders", "4", "--output", output.toString()));
        args.addAll(List.of(extra));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        BenchCommand command = new BenchCommand();
        command.setOut(new PrintStream(text, true, StandardCharsets.UTF_8));
        int code = new CommandLine(command).execute(args.toArray(String[]::new));
        return new Outcome(code, text.toString(StandardCharsets.UTF_8),
                Json.mapper().readTree(output.resolve("bench-report.json").toFile()));
    }

    @Test
    void aCleanRunPassesAndReportsLatencyAndTheKafkaBaseline(@TempDir Path output) throws Exception {
        Outcome run = bench(output);
        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode result = run.report().path("result");
        assertThat(result.path("duplicates").asLong()).isZero();
        assertThat(result.path("gaps").asLong()).isZero();
        assertThat(result.path("losses").asLong()).isZero();
        // a 1 s warm-up ramping up to 20 msg/s sends 10, then 4 s at 20 msg/s another 80
        assertThat(result.path("accepted").asLong()).isEqualTo(result.path("sent").asLong()).isEqualTo(90);
        // every message reaches the 3 sockets of its channel
        assertThat(result.path("delivered").asLong()).isEqualTo(270);
        assertThat(result.at("/latency/p50").asDouble()).isPositive();
        assertThat(result.at("/latency/p99").asDouble()).isGreaterThanOrEqualTo(result.at("/latency/p50").asDouble());
        assertThat(run.report().at("/baseline/endToEndPerSec").asDouble()).isPositive();
        assertThat(run.report().path("ratioToBaseline").asDouble()).isPositive();
        assertThat(run.report().at("/machine/cores").asInt()).isPositive();
        assertThat(run.report().path("services").has("stream-processor")).isTrue();
        assertThat(output.resolve("latency.html")).content().contains("<svg").contains("PASSED");
        assertThat(run.output()).contains("latency p50 / p90 / p99").contains("PASSED");
    }

    @Test
    void anInjectedDuplicateFailsTheRunLoudly(@TempDir Path output) throws Exception {
        Outcome run = bench(output, "--inject", "DUPLICATE", "--no-baseline");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.report().at("/result/duplicates").asLong()).isEqualTo(1);
        assertThat(run.report().path("passed").asBoolean()).isFalse();
        assertThat(run.output()).contains("FAILED").contains("1 duplicate deliveries");
    }

    @Test
    void anInjectedGapFailsTheRunLoudly(@TempDir Path output) throws Exception {
        Outcome run = bench(output, "--inject", "GAP", "--no-baseline");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.report().at("/result/gaps").asLong()).isEqualTo(1);
        assertThat(run.report().at("/result/losses").asLong()).isEqualTo(1);
        assertThat(run.output()).contains("FAILED").contains("1 seq gaps");
    }
}
