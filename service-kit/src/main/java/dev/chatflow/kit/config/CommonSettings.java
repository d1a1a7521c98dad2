package dev.chatflow.kit.config;

import java.util.List;

/** Settings that more than one service reads, with the same key and meaning everywhere. */
public final class CommonSettings {

    public static final Setting KAFKA_BOOTSTRAP_SERVERS = new Setting("kafka.bootstrap.servers", "localhost:9092",
            "Kafka bootstrap servers, host:port[,host:port]");
    public static final Setting DATA_DIR = new Setting("data.dir", "~/.chatflow/dev",
            "directory for local state (the dev JWT key pair, Kafka Streams state)");
    public static final Setting JWT_PUBLIC_KEY = new Setting("jwt.public.key", null,
            "PEM (or path to a PEM file) of the ES256 public key that verifies session tokens; "
                    + "unset: the dev key pair in data.dir");
    public static final Setting JWT_ISSUER = new Setting("jwt.issuer", "chatflow", "iss claim of session tokens");
    public static final Setting JWT_AUDIENCE = new Setting("jwt.audience", "chatflow", "aud claim of session tokens");
    public static final Setting CORS_ALLOWED_ORIGINS = new Setting("cors.allowed.origins", "",
            "comma-separated origins that browsers may call the API from (empty: none)");
    public static final Setting CASSANDRA_CONTACT_POINTS = new Setting("cassandra.contact.points", "127.0.0.1:9042",
            "Cassandra contact points, host:port[,host:port]");
    public static final Setting CASSANDRA_LOCAL_DATACENTER = new Setting("cassandra.local.datacenter", "datacenter1",
            "Cassandra data centre the driver treats as local");
    public static final Setting CASSANDRA_KEYSPACE = new Setting("cassandra.keyspace", "chatflow",
            "keyspace of the message history");
    public static final Setting CASSANDRA_REPLICATION = new Setting("cassandra.replication",
            "{'class': 'SimpleStrategy', 'replication_factor': 1}",
            "replication of the keyspace when it is created");
    /** Every {@code topics.<topic>.partitions|retention} and {@code topics.replication-factor}. */
    public static final Setting TOPICS = new Setting("topics.*", null,
            "topics.<topic>.partitions, topics.<topic>.retention (ISO-8601), topics.replication-factor");

    private CommonSettings() {
    }

    /** Settings with the HTTP port defaulting to {@code port}. */
    public static Setting httpPort(int port) {
        return new Setting("http.port", Integer.toString(port), "HTTP port of the service");
    }

    public static List<Setting> kafka() {
        return List.of(KAFKA_BOOTSTRAP_SERVERS, TOPICS);
    }

    public static List<Setting> cassandra() {
        return List.of(CASSANDRA_CONTACT_POINTS, CASSANDRA_LOCAL_DATACENTER, CASSANDRA_KEYSPACE, CASSANDRA_REPLICATION);
    }

    public static List<Setting> jwtVerification() {
        return List.of(DATA_DIR, JWT_PUBLIC_KEY, JWT_ISSUER, JWT_AUDIENCE);
    }
}
