package dev.chatflow.kit.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.chatflow.schemas.history.MessageHistory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned CQL files of the history schema ({@code cql/V<n>__<name>.cql}, listed in
 * {@code cql/migrations.txt}) at start-up: creates the keyspace when missing, runs each file not yet
 * recorded in {@code <keyspace>.schema_migrations}, and records it. Every statement is idempotent, so
 * two services applying at once do no harm.
 */
public final class CqlSchema {

    private static final Logger log = LoggerFactory.getLogger(CqlSchema.class);
    private static final Pattern KEYSPACE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");
    private static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(30);

    private CqlSchema() {
    }

    /** Brings {@code keyspace} to the latest schema; returns the files it applied now. */
    public static List<String> apply(CqlSession session, String keyspace, String replication) {
        if (!KEYSPACE_NAME.matcher(keyspace).matches()) {
            throw new IllegalArgumentException("keyspace name '" + keyspace + "' must be lower case letters, digits, _");
        }
        execute(session, "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replication);
        execute(session, "CREATE TABLE IF NOT EXISTS " + keyspace + ".schema_migrations ("
                + "version text PRIMARY KEY, applied_at timestamp)");
        List<String> applied = new ArrayList<>();
        for (String file : migrations()) {
            boolean done = session.execute(SimpleStatement.newInstance(
                    "SELECT version FROM " + keyspace + ".schema_migrations WHERE version = ?", file)).one() != null;
            if (done) {
                continue;
            }
            for (String statement : statements(read("cql/" + file))) {
                execute(session, statement.replace("${keyspace}", keyspace));
            }
            session.execute(SimpleStatement.newInstance(
                    "INSERT INTO " + keyspace + ".schema_migrations (version, applied_at) VALUES (?, ?)", file, Instant.now()));
            applied.add(file);
            log.info("applied {} to keyspace {}", file, keyspace);
        }
        return applied;
    }

    static List<String> migrations() {
        return Arrays.stream(read(MessageHistory.MIGRATIONS_INDEX).split("\\R"))
                .map(String::trim).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
    }

    /** The statements of a CQL file: split at semicolons, comments dropped. */
    static List<String> statements(String cql) {
        StringBuilder body = new StringBuilder();
        for (String line : cql.split("\\R")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("--")) {
                body.append(line).append('\n');
            }
        }
        return Arrays.stream(body.toString().split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static void execute(CqlSession session, String cql) {
        session.execute(SimpleStatement.newInstance(cql).setTimeout(SCHEMA_TIMEOUT));
    }

    private static String read(String resource) {
        try (InputStream in = CqlSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
