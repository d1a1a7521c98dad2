package dev.chatflow.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatflow.kit.config.Config;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The processor's command line: which command runs, and argument errors caught before anything connects. */
class ProcessorCommandLineTest {

    private final AtomicInteger configReads = new AtomicInteger();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs the command line with a configuration that fails when read, so that nothing can connect. */
    private int execute(String... args) {
        CommandLine cli = Main.commandLine(new Main(() -> {
            configReads.incrementAndGet();
            throw new IllegalStateException("no configuration in this test");
        }));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void noArgumentsRunsTheService() {
        assertThat(execute()).isEqualTo(1);
        assertThat(configReads).hasValue(1);
        assertThat(err.toString()).contains("no configuration in this test");
    }

    @Test
    void runCommandRunsTheService() {
        assertThat(execute("run")).isEqualTo(1);
        assertThat(configReads).hasValue(1);
        assertThat(err.toString()).contains("run: no configuration in this test");
    }

    @Test
    void replayWithAnUnparsableFromSaysWhatATimeLooksLike() {
        assertThat(execute("replay", "--from", "yesterday")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--from", "'yesterday' is not an ISO-8601 time",
                "2026-03-01T12:00:00Z");
        assertThat(configReads).hasValue(0);
    }

    @Test
    void replayWithAnImpossibleDateIsRefused() {
        assertThat(execute("replay", "--from", "2026-13-01")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("'2026-13-01' is not an ISO-8601 time");
    }

    @Test
    void replayWithATimeWithoutZoneIsRefusedRatherThanGuessed() {
        assertThat(execute("replay", "--from", "2026-03-01T12:00:00")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("'2026-03-01T12:00:00' is not an ISO-8601 time with a zone");
    }

    @Test
    void replayWithToBeforeFromIsRefused() {
        assertThat(execute("replay", "--from", "2026-03-02T00:00:00Z", "--to", "2026-03-01T23:00:00Z"))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--to 2026-03-01T23:00:00Z must be after --from 2026-03-02T00:00:00Z");
        assertThat(configReads).hasValue(0);
    }

    @Test
    void replayWithToEqualToFromIsRefused() {
        assertThat(execute("replay", "--from", "2026-03-01", "--to", "2026-03-01T00:00:00Z"))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("must be after --from");
    }

    @Test
    void replayWithoutFromIsRefused() {
        assertThat(execute("replay", "--dry-run")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Missing required option: '--from=TIME'");
    }

    @Test
    void replayReadsTheConfigurationOnlyOnceTheArgumentsAreValid() {
        assertThat(execute("replay", "--from", "2026-03-01T13:00:00+01:00", "--to", "2026-03-02")).isEqualTo(1);
        assertThat(configReads).hasValue(1);
        assertThat(err.toString()).contains("replay: no configuration in this test");
    }

    @Test
    void reprocessTakesNoArguments() {
        assertThat(execute("reprocess", "chat.messages.raw")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Unmatched argument");
        assertThat(configReads).hasValue(0);
    }

    @Test
    void unknownCommandIsRefused() {
        assertThat(execute("rewind")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Unmatched argument", "rewind");
    }

    @Test
    void helpListsTheOperations() {
        assertThat(execute("--help")).isZero();
        assertThat(out.toString()).contains("replay", "reprocess", "run");
        assertThat(configReads).hasValue(0);
    }
}
