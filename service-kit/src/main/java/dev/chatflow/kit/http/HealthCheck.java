package dev.chatflow.kit.http;

/** One dependency a service needs to be ready (a database, the broker, the streams app). */
public interface HealthCheck {

    /** Short name shown in {@code GET /health}. */
    String name();

    /** Throws when the dependency is not usable; the message says why. Must answer within a second or two. */
    void check() throws Exception;
}
