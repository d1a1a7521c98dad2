package dev.chatflow.localstack;

import java.nio.file.Path;

/** A server of the local stack did not come up; the message names it and where its log is. */
public final class StackStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StackStartException(String message) {
        super(message);
    }

    public StackStartException(String message, Throwable cause) {
        super(message, cause);
    }

    static StackStartException notReady(Server server, String why, Path log, String logTail) {
        StringBuilder text = new StringBuilder()
                .append(server.displayName()).append(" did not come up: ").append(why);
        if (log != null) {
            text.append("\n  log: ").append(log.toAbsolutePath());
        }
        if (logTail != null && !logTail.isBlank()) {
            text.append("\n  last lines of the log:\n").append(logTail.indent(4));
        }
        return new StackStartException(text.toString());
    }
}
