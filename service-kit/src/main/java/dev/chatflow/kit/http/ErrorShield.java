package dev.chatflow.kit.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost handler of every chatflow HTTP server: whatever a handler throws becomes the error shape
 * of the contracts, and nothing leaks a stack trace. {@link ApiException} keeps its status and code;
 * unreadable JSON is 400 {@code malformed_json}; a body over the limit is 413 {@code payload_too_large};
 * anything else is 500 {@code internal_error}, logged with an incident id that the response names.
 */
public final class ErrorShield implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorShield.class);
    private static final AtomicLong INCIDENTS = new AtomicLong();

    private final HttpHandler next;

    public ErrorShield(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        try {
            next.handleRequest(exchange);
        } catch (Throwable t) {
            handle(exchange, t);
        }
    }

    /** Answers {@code exchange} for failure {@code t}; usable by handlers that complete asynchronously. */
    public static void handle(HttpServerExchange exchange, Throwable t) {
        Throwable cause = unwrap(t);
        if (exchange.isResponseStarted()) {
            log.warn("{} {} failed after the response started: {}", exchange.getRequestMethod(),
                    exchange.getRequestPath(), cause.toString());
            exchange.endExchange();
            return;
        }
        if (cause instanceof ApiException api) {
            api.headers().forEach((name, value) -> exchange.getResponseHeaders().put(HttpString.tryFromString(name), value));
            Responses.error(exchange, api.status(), api.code(), api.getMessage());
        } else if (cause instanceof RequestTooBigException) {
            Responses.error(exchange, 413, "payload_too_large", "the request body is larger than allowed");
        } else if (cause instanceof JsonProcessingException json) {
            Responses.error(exchange, 400, "malformed_json", "the request body is not valid JSON of the expected "
                    + "shape: " + json.getOriginalMessage());
        } else {
            long incident = INCIDENTS.incrementAndGet();
            log.error("incident {}: {} {} failed", incident, exchange.getRequestMethod(), exchange.getRequestPath(), cause);
            Responses.error(exchange, 500, "internal_error", "something went wrong on our side (incident "
                    + incident + ")");
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException || c instanceof java.util.concurrent.ExecutionException
                || (c instanceof IOException && c.getCause() instanceof RequestTooBigException)) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
