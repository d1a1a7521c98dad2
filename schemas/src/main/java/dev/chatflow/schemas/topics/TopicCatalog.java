package dev.chatflow.schemas.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The topics as configured for one deployment: {@link Topics}' defaults with partition counts and
 * retention overridden by settings named {@code topics.<topic name>.partitions} and
 * {@code topics.<topic name>.retention} (an ISO-8601 duration such as {@code P7D}), and the replication
 * factor {@code topics.replication-factor} (default: the broker's {@code default.replication.factor}).
 */
public final class TopicCatalog {

    public static final String REPLICATION_FACTOR = "topics.replication-factor";

    private final Topic<?, ?> raw;
    private final Topic<?, ?> messages;
    private final Topic<?, ?> rejected;
    private final Topic<?, ?> users;
    private final Topic<?, ?> memberships;
    private final Optional<Short> replicationFactor;

    private TopicCatalog(Function<String, Optional<String>> settings) {
        this.raw = configure(Topics.RAW_MESSAGES, settings);
        this.messages = configure(Topics.MESSAGES, settings);
        this.rejected = configure(Topics.REJECTED_MESSAGES, settings);
        this.users = configure(Topics.USERS, settings);
        this.memberships = configure(Topics.MEMBERSHIPS, settings);
        this.replicationFactor = settings.apply(REPLICATION_FACTOR).map(String::trim).map(Short::parseShort);
    }

    /** The defaults of {@link Topics}. */
    public static TopicCatalog defaults() {
        return new TopicCatalog(key -> Optional.empty());
    }

    /** The defaults, overridden by {@code settings} (a lookup of setting name to value). */
    public static TopicCatalog from(Function<String, Optional<String>> settings) {
        return new TopicCatalog(settings);
    }

    @SuppressWarnings("unchecked")
    public <K, V> Topic<K, V> configured(Topic<K, V> topic) {
        return (Topic<K, V>) all().stream().filter(t -> t.name().equals(topic.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a chatflow topic: " + topic.name()));
    }

    public List<Topic<?, ?>> all() {
        return List.of(raw, messages, rejected, users, memberships);
    }

    /** Replication factor for new topics; empty means the broker's default. */
    public Optional<Short> replicationFactor() {
        return replicationFactor;
    }

    /** The setting names this catalog reads, for the configuration reference. */
    public static List<String> settingNames() {
        List<String> names = new ArrayList<>();
        for (Topic<?, ?> t : Topics.all()) {
            names.add("topics." + t.name() + ".partitions");
            if (t.cleanup() == CleanupPolicy.DELETE) {
                names.add("topics." + t.name() + ".retention");
            }
        }
        names.add(REPLICATION_FACTOR);
        return names;
    }

    private static <K, V> Topic<K, V> configure(Topic<K, V> topic, Function<String, Optional<String>> settings) {
        Topic<K, V> result = topic;
        Optional<String> partitions = settings.apply("topics." + topic.name() + ".partitions");
        if (partitions.isPresent()) {
            result = result.withPartitions(Integer.parseInt(partitions.get().trim()));
        }
        Optional<String> retention = settings.apply("topics." + topic.name() + ".retention");
        if (retention.isPresent()) {
            result = result.withRetention(Duration.parse(retention.get().trim()));
        }
        return result;
    }
}
