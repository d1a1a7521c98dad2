package dev.chatflow.localstack;

import dev.chatflow.localstack.process.ChildProcess;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Polls a real readiness check (a request to the server) until it passes, the process dies, or time is up. */
final class Readiness {

    /** One attempt at talking to the server; it throws when the server is not ready yet. */
    @FunctionalInterface
    interface Check {
        void attempt() throws Exception;
    }

    private Readiness() {
    }

    static void await(Server server, ChildProcess process, Duration timeout, Check check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw StackStartException.notReady(server,
                        "its process exited with code " + process.exitCode() + " during start-up",
                        process.logFile(), process.logTail(30));
            }
            try {
                check.attempt();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackStartException("interrupted while waiting for " + server.displayName());
            } catch (Exception e) {
                last = e;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
        String why = "not ready after " + timeout.toSeconds() + " s"
                + (last == null ? "" : " (last attempt: " + last.getClass().getSimpleName() + ": " + last.getMessage() + ")");
        throw StackStartException.notReady(server, why,
                process == null ? null : process.logFile(), process == null ? null : process.logTail(30));
    }
}
