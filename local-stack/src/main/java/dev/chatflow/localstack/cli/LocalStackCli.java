package dev.chatflow.localstack.cli;

import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.LocalStackConfig;
import dev.chatflow.localstack.Server;
import dev.chatflow.localstack.StackStartException;
import dev.chatflow.localstack.dev.ServiceLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The local stack's command line: {@code start} runs the servers, {@code dev} runs the servers and every
 * chatflow service built so far. Both run until Ctrl-C. Options fall back to CHATFLOW_* environment
 * variables, then to the defaults of the design.
 */
@Command(name = "local-stack", mixinStandardHelpOptions = true,
        description = "Runs real Kafka (KRaft), Cassandra and PostgreSQL for chatflow.",
        subcommands = {LocalStackCli.Start.class, LocalStackCli.Dev.class})
public final class LocalStackCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new LocalStackCli())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println(cmd.getColorScheme().errorText(
                            e instanceof StackStartException || e instanceof IllegalStateException
                                    ? e.getMessage() : e.toString()));
                    return 1;
                });
    }

    /** Options shared by both commands. */
    static final class StackOptions {
        @Option(names = "--data-dir", description = "Data directory (default: ${DEFAULT-VALUE}).",
                defaultValue = "${env:CHATFLOW_DATA_DIR:-${sys:user.home}/.chatflow/dev}")
        Path dataDir;

        @Option(names = "--clean", description = "Wipe the data directory and the stack's database first.")
        boolean clean;

        @Option(names = "--servers", split = ",", description = "Servers to run (default: all): ${COMPLETION-CANDIDATES}.")
        Set<Server> servers = EnumSet.allOf(Server.class);

        @Option(names = "--kafka-port", defaultValue = "${env:CHATFLOW_KAFKA_PORT:-9092}")
        int kafkaPort;

        @Option(names = "--kafka-controller-port", defaultValue = "${env:CHATFLOW_KAFKA_CONTROLLER_PORT:-9093}")
        int kafkaControllerPort;

        @Option(names = "--cql-port", defaultValue = "${env:CHATFLOW_CQL_PORT:-9042}")
        int cqlPort;

        @Option(names = "--cassandra-storage-port", defaultValue = "${env:CHATFLOW_CASSANDRA_STORAGE_PORT:-7000}")
        int cassandraStoragePort;

        @Option(names = "--jdbc-url", description = "PostgreSQL database (created when missing; default: ${DEFAULT-VALUE}).",
                defaultValue = "${env:CHATFLOW_JDBC_URL:-" + LocalStackConfig.DEFAULT_JDBC_URL + "}")
        String jdbcUrl;

        @Option(names = "--jdbc-user", defaultValue = "${env:CHATFLOW_JDBC_USER:-postgres}")
        String jdbcUser;

        @Option(names = "--jdbc-password", defaultValue = "${env:CHATFLOW_JDBC_PASSWORD:-}")
        String jdbcPassword;

        @Option(names = "--embedded-postgres-port", description = "Port of the embedded PostgreSQL used when none "
                + "is reachable at --jdbc-url; 0 disables it (default: ${DEFAULT-VALUE}).", defaultValue = "5433")
        int embeddedPostgresPort;

        @Option(names = "--startup-timeout", description = "Seconds each server may take (default: ${DEFAULT-VALUE}).",
                defaultValue = "90")
        int startupTimeoutSeconds;

        LocalStackConfig toConfig() {
            return LocalStackConfig.dev()
                    .withDataDir(dataDir)
                    .withClean(clean)
                    .withServers(servers)
                    .withKafkaPorts(kafkaPort, kafkaControllerPort)
                    .withCassandraPorts(cqlPort, cassandraStoragePort)
                    .withPostgres(jdbcUrl, jdbcUser, jdbcPassword, embeddedPostgresPort)
                    .withStartupTimeout(Duration.ofSeconds(startupTimeoutSeconds));
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the servers and run until Ctrl-C.")
    static final class Start implements Callable<Integer> {
        @Mixin
        StackOptions options = new StackOptions();

        @Override
        public Integer call() throws InterruptedException {
            CountDownLatch stopped = new CountDownLatch(1);
            LocalStack stack = LocalStack.start(options.toConfig());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("stopping the local stack ...");
                stack.close();
                stopped.countDown();
            }, "local-stack-stop"));
            System.out.printf("local stack ready in %.1f s%n%s", stack.startupTime().toMillis() / 1000.0,
                    stack.describe());
            System.out.println("Ctrl-C stops everything.");
            stopped.await();
            return 0;
        }
    }

    @Command(name = "dev", mixinStandardHelpOptions = true,
            description = "Start the servers and every chatflow service built so far; run until Ctrl-C.")
    static final class Dev implements Callable<Integer> {
        @Mixin
        StackOptions options = new StackOptions();

        @Option(names = "--project-dir", description = "Root of the chatflow checkout (default: the working directory).",
                defaultValue = "${sys:user.dir}")
        Path projectDir;

        @Override
        public Integer call() throws InterruptedException {
            CountDownLatch stopped = new CountDownLatch(1);
            LocalStack stack = LocalStack.start(options.toConfig());
            ServiceLauncher services = new ServiceLauncher(projectDir, stack.dataDir().resolve("logs"),
                    stack.serviceEnvironment());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("stopping chatflow ...");
                services.stopAll();
                stack.close();
                stopped.countDown();
            }, "chatflow-dev-stop"));
            System.out.printf("local stack ready in %.1f s%n%s", stack.startupTime().toMillis() / 1000.0,
                    stack.describe());
            List<ServiceLauncher.Running> running = services.startAll(Duration.ofSeconds(options.startupTimeoutSeconds));
            if (running.isEmpty()) {
                System.out.println("  (no chatflow service is built yet)");
            }
            for (ServiceLauncher.Running r : running) {
                System.out.printf("  %-17s %-30s log %s%n", r.service().name(), r.url(), r.process().logFile());
            }
            System.out.println("chatflow is running. Ctrl-C stops everything.");
            stopped.await();
            return 0;
        }
    }
}
