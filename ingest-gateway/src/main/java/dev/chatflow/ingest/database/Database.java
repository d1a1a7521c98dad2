package dev.chatflow.ingest.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chatflow.kit.http.HealthCheck;
import java.sql.Connection;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's PostgreSQL database: a connection pool, the schema brought up to date by the Flyway
 * migrations in {@code db/migration}, and jOOQ over both. Everything here blocks: call it from worker
 * threads only.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final DSLContext dsl;

    public Database(String jdbcUrl, String user, Optional<String> password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        password.ifPresent(config::setPassword);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("ingest-postgres");
        config.setConnectionTimeout(3_000);
        // start even when the database is not reachable yet: migrate() says what is wrong
        config.setInitializationFailTimeout(-1);
        this.dataSource = new HikariDataSource(config);
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    /** Applies the pending migrations. */
    public void migrate() {
        var result = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        log.info("database schema at version {} ({} migrations applied now)", result.targetSchemaVersion,
                result.migrationsExecuted);
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** {@code GET /health}'s check: a connection that answers within two seconds. */
    public HealthCheck health() {
        return new HealthCheck() {
            @Override
            public String name() {
                return "postgres";
            }

            @Override
            public void check() throws Exception {
                try (Connection connection = dataSource.getConnection()) {
                    if (!connection.isValid(2)) {
                        throw new IllegalStateException("PostgreSQL did not answer");
                    }
                }
            }
        };
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
