package dev.chatflow.system;

import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.junit.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives system tests one {@link RunningChatflow} per test run — the three services on the run's local
 * stack — started by the first test that asks for it and stopped at the end of the run (before the
 * stack, which it was started after).
 */
final class ChatflowExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ChatflowExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningChatflow.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LocalStack stack = LocalStackExtension.stack(context);
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningChatflow.class, key -> new RunningChatflow(stack), RunningChatflow.class);
    }
}
