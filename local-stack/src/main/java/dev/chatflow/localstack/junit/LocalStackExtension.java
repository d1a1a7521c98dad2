package dev.chatflow.localstack.junit;

import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.LocalStackConfig;
import dev.chatflow.localstack.Server;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests a running {@link LocalStack}: one per test run (per module), started by the
 * first test class that asks for it and stopped when the run ends. Test classes declare
 * {@code @ExtendWith(LocalStackExtension.class)} and take a {@code LocalStack} parameter in a
 * constructor, a lifecycle method or a test method.
 *
 * <p>Configuration parameters (e.g. in {@code src/test/resources/junit-platform.properties}):
 * <ul>
 *   <li>{@code chatflow.localstack.servers} — comma-separated subset of kafka, cassandra, postgres
 *       (default: all); a module that needs no Cassandra saves its start-up time;</li>
 *   <li>{@code chatflow.localstack.data-dir} — default {@code target/local-stack};</li>
 *   <li>{@code chatflow.localstack.database} — PostgreSQL database, re-created for each run (default
 *       {@code chatflow_it_<module directory>}).</li>
 * </ul>
 * Ports are always free ones, so tests never collide with a running {@code ./chatflow dev}.
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);

    /** The run's stack, started on first use. */
    public static LocalStack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(LocalStack.class, key -> LocalStack.start(config(context)), LocalStack.class);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    static LocalStackConfig config(ExtensionContext context) {
        Path dataDir = Path.of(context.getConfigurationParameter("chatflow.localstack.data-dir")
                .orElse("target/local-stack")).toAbsolutePath();
        Set<Server> servers = context.getConfigurationParameter("chatflow.localstack.servers")
                .map(LocalStackExtension::parseServers)
                .orElse(EnumSet.allOf(Server.class));
        String database = context.getConfigurationParameter("chatflow.localstack.database")
                .orElseGet(() -> "chatflow_it_" + Path.of("").toAbsolutePath().getFileName().toString()
                        .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_"));
        return LocalStackConfig.forTests(dataDir, servers, database);
    }

    static Set<Server> parseServers(String list) {
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> Server.valueOf(s.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Server.class)));
    }
}
