package dev.chatflow.localstack.postgres;

import dev.chatflow.localstack.process.ChildProcess;
import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL for the local stack: the server at the configured JDBC URL (by default 127.0.0.1:5432),
 * or — when none answers there — an embedded PostgreSQL started in a child JVM. The stack's database
 * is created when missing, and dropped and re-created by a clean start.
 */
public final class PostgresProvider {

    private static final Logger log = LoggerFactory.getLogger(PostgresProvider.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final int embeddedPort;
    private final Path home;

    /** What the stack ended up with. */
    public record Database(String jdbcUrl, String user, String password, ChildProcess embedded) {
    }

    /**
     * @param jdbcUrl      the database to use, on the server to use
     * @param embeddedPort port for the embedded fallback, 0 to disable it
     * @param home         directory for the embedded server's data and log
     */
    public PostgresProvider(String jdbcUrl, String user, String password, int embeddedPort, Path home) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.embeddedPort = embeddedPort;
        this.home = home;
    }

    /** Finds or starts the server and makes sure the database exists (fresh when {@code clean}). */
    public Database provide(boolean clean, java.time.Duration timeout) {
        Properties url = parse(jdbcUrl);
        String host = url.getProperty("PGHOST");
        String port = url.getProperty("PGPORT");
        String database = url.getProperty("PGDBNAME");
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database name '" + database + "' in " + jdbcUrl
                    + " must be lower case letters, digits and underscores");
        }
        String serverUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        ChildProcess embedded = null;
        String effectiveUrl = jdbcUrl;
        if (!reachable(serverUrl)) {
            if (embeddedPort == 0) {
                throw new IllegalStateException("PostgreSQL is not reachable at " + host + ":" + port
                        + ". Start it, or point the stack at a server with --jdbc-url (CHATFLOW_JDBC_URL).");
            }
            if (runningAsRoot()) {
                throw new IllegalStateException("PostgreSQL is not reachable at " + host + ":" + port
                        + ", and the embedded PostgreSQL refuses to run as root (initdb does not allow it). "
                        + "Point the stack at a PostgreSQL server instead: --jdbc-url "
                        + "jdbc:postgresql://HOST:PORT/" + database + " --jdbc-user USER (or the environment "
                        + "variables CHATFLOW_JDBC_URL, CHATFLOW_JDBC_USER, CHATFLOW_JDBC_PASSWORD).");
            }
            log.info("no PostgreSQL at {}:{}, starting an embedded one on port {}", host, port, embeddedPort);
            embedded = startEmbedded(timeout);
            serverUrl = "jdbc:postgresql://127.0.0.1:" + embeddedPort + "/postgres";
            effectiveUrl = "jdbc:postgresql://127.0.0.1:" + embeddedPort + "/" + database;
        }
        ensureDatabase(serverUrl, database, clean);
        return new Database(effectiveUrl, user, password, embedded);
    }

    /** {@code SELECT 1} on the stack's database. */
    public static void checkReady(Database db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            if (!rs.next() || rs.getInt(1) != 1) {
                throw new SQLException("SELECT 1 did not return 1");
            }
        }
    }

    private boolean reachable(String url) {
        try (Connection ignored = connect(url)) {
            return true;
        } catch (SQLException e) {
            log.debug("PostgreSQL at {} not reachable: {}", url, e.getMessage());
            return false;
        }
    }

    private Connection connect(String url) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "3");
        props.setProperty("loginTimeout", "5");
        return DriverManager.getConnection(url, props);
    }

    private void ensureDatabase(String serverUrl, String database, boolean clean) {
        try (Connection c = connect(serverUrl); Statement s = c.createStatement()) {
            if (clean) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
            boolean exists;
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                s.execute("CREATE DATABASE " + database);
                log.info("created PostgreSQL database {}", database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare PostgreSQL database " + database + " via "
                    + serverUrl + ": " + e.getMessage(), e);
        }
    }

    private ChildProcess startEmbedded(java.time.Duration timeout) {
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        ChildProcess child = ChildProcess.start(new ChildProcess.Spec("postgres", classpath,
                EmbeddedPostgresMain.class.getName(), List.of("-Xmx128m"),
                List.of(home.resolve("data").toAbsolutePath().toString(), Integer.toString(embeddedPort)),
                Map.of(), home.resolve("postgres.log")));
        long deadline = System.nanoTime() + timeout.toNanos();
        String url = "jdbc:postgresql://127.0.0.1:" + embeddedPort + "/postgres";
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (reachable(url)) {
                return child;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        child.kill();
        throw new IllegalStateException("the embedded PostgreSQL did not come up; log: "
                + child.logFile() + "\n" + child.logTail(20));
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Properties parse(String url) {
        Properties props = Driver.parseURL(url, null);
        if (props == null) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
        }
        return props;
    }
}
