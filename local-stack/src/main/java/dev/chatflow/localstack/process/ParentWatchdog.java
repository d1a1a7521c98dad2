package dev.chatflow.localstack.process;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of every JVM the local stack forks: it ties the child's life to its parent's, then runs
 * the real main class.
 *
 * <p>The parent keeps the write end of the child's standard input open for as long as it lives. When
 * the parent goes away — Ctrl-C, {@code close()}, or {@code kill -9} — the operating system closes that
 * pipe, this watchdog reads end-of-file and exits the JVM (running the server's own shutdown hooks,
 * halting hard if they take longer than the grace period). No server outlives the process that
 * started it.
 *
 * <p>Only JDK classes are used here: this class is put on the classpath of foreign servers (Kafka,
 * Cassandra) whose libraries must not meet chatflow's.
 *
 * <p>Usage: {@code java -cp <this class>:<server classpath> dev.chatflow.localstack.process.ParentWatchdog
 * <main class> [args...]}
 */
public final class ParentWatchdog {

    /** How long the server's shutdown hooks get once the parent is gone. */
    static final long GRACE_MILLIS = Long.getLong("chatflow.watchdog.grace-ms", 10_000);

    private ParentWatchdog() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ParentWatchdog <main class> [args...]");
            System.exit(2);
        }
        Thread watcher = new Thread(() -> awaitParentExit(System.in), "parent-watchdog");
        watcher.setDaemon(true);
        watcher.start();

        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }

    private static void awaitParentExit(InputStream parentPipe) {
        byte[] sink = new byte[256];
        try {
            while (parentPipe.read(sink) >= 0) {
                // the parent never writes; anything it might send is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the same as end-of-file: the parent is gone
        }
        System.err.println("[chatflow watchdog] parent process is gone, shutting down");
        Thread halter = new Thread(() -> {
            try {
                Thread.sleep(GRACE_MILLIS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            System.err.println("[chatflow watchdog] shutdown took longer than " + GRACE_MILLIS + " ms, halting");
            Runtime.getRuntime().halt(1);
        }, "parent-watchdog-halter");
        halter.setDaemon(true);
        halter.start();
        System.exit(0);
    }
}
