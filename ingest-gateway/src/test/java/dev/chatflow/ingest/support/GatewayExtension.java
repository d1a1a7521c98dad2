package dev.chatflow.ingest.support;

import dev.chatflow.localstack.junit.LocalStackExtension;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests the one ingest gateway of the test run (started on first use, on the run's
 * local stack, stopped at the end). Test classes declare {@code @ExtendWith(GatewayExtension.class)} and
 * take a {@link TestGateway} parameter.
 */
public final class GatewayExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GatewayExtension.class);

    /** Closes the gateway when the run's store is closed. */
    private record Shared(TestGateway gateway) implements AutoCloseable {
        @Override
        public void close() {
            gateway.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestGateway.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Shared.class,
                key -> new Shared(TestGateway.start(LocalStackExtension.stack(context), Map.of())), Shared.class).gateway();
    }
}
