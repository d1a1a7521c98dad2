package dev.chatflow.localstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LocalStackCliTest {

    @Test
    void unknownSubcommandPrintsUsageAndFails() {
        StringWriter err = new StringWriter();
        CommandLine cli = LocalStackCli.commandLine();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("launch");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("Unmatched argument", "launch", "Usage: local-stack");
    }

    @Test
    void startOptionsFallBackToTheDesignDefaults() {
        CommandLine cli = LocalStackCli.commandLine();
        CommandLine.ParseResult parsed = cli.parseArgs("start", "--kafka-port", "19092");
        LocalStackCli.Start start = (LocalStackCli.Start) parsed.subcommand().commandSpec().userObject();
        var config = start.options.toConfig();
        assertThat(config.kafkaPort()).isEqualTo(19092);
        assertThat(config.cqlPort()).isEqualTo(System.getenv("CHATFLOW_CQL_PORT") == null ? 9042
                : Integer.parseInt(System.getenv("CHATFLOW_CQL_PORT")));
        assertThat(config.runs(dev.chatflow.localstack.Server.CASSANDRA)).isTrue();
    }
}
