package dev.chatflow.schemas.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalog's missing topics and checks the existing ones against it, at every start of a
 * service. Idempotent: a second run creates nothing. An existing topic with fewer partitions, another
 * cleanup policy or another retention than configured is an error ({@link TopicMismatchException}),
 * never a silent difference.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final Duration timeout;

    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** What a run did. */
    public record Report(List<String> created, List<String> unchanged) {
    }

    /** Provisions every topic of {@code catalog}. */
    public Report provision(TopicCatalog catalog) {
        return provision(catalog.all(), catalog.replicationFactor());
    }

    public Report provision(Collection<Topic<?, ?>> topics, Optional<Short> replicationFactor) {
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<Topic<?, ?>> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();

            List<String> created = create(missing, replicationFactor);
            // everything not created now existed before (or was created by a service starting alongside)
            List<Topic<?, ?>> present = topics.stream().filter(t -> !created.contains(t.name())).toList();
            verify(present);
            if (!created.isEmpty()) {
                log.info("created topics {}", created);
            }
            return new Report(created, present.stream().map(Topic::name).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot provision Kafka topics: " + cause, cause);
        }
    }

    private List<String> create(List<Topic<?, ?>> missing, Optional<Short> replicationFactor)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (missing.isEmpty()) {
            return List.of();
        }
        List<NewTopic> requests = missing.stream().map(t -> new NewTopic(t.name(), Optional.of(t.partitions()),
                replicationFactor).configs(configs(t))).toList();
        List<String> created = new ArrayList<>();
        for (var entry : admin.createTopics(requests).values().entrySet()) {
            try {
                entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return created;
    }

    private void verify(List<Topic<?, ?>> present) throws InterruptedException, ExecutionException, TimeoutException {
        if (present.isEmpty()) {
            return;
        }
        List<String> names = present.stream().map(Topic::name).toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, TopicDescription> descriptions = retryWhileUnknown(deadline, () -> admin.describeTopics(names)
                .allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        Map<ConfigResource, Config> configs = retryWhileUnknown(deadline, () -> admin.describeConfigs(names.stream()
                        .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList())
                .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS));

        List<String> problems = new ArrayList<>();
        for (Topic<?, ?> topic : present) {
            int partitions = descriptions.get(topic.name()).partitions().size();
            if (partitions < topic.partitions()) {
                problems.add(topic.name() + " has " + partitions + " partitions, the catalog wants "
                        + topic.partitions());
            } else if (partitions > topic.partitions()) {
                log.info("{} has {} partitions, more than the configured {}; keeping them", topic.name(),
                        partitions, topic.partitions());
            }
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
            Set<String> policy = Set.of(value(config, TopicConfig.CLEANUP_POLICY_CONFIG).split(","))
                    .stream().map(String::trim).collect(Collectors.toSet());
            if (!policy.equals(Set.of(topic.cleanup().config()))) {
                problems.add(topic.name() + " has cleanup.policy=" + value(config, TopicConfig.CLEANUP_POLICY_CONFIG)
                        + ", the catalog wants " + topic.cleanup().config());
            }
            if (topic.retention() != null) {
                long retention = Long.parseLong(value(config, TopicConfig.RETENTION_MS_CONFIG));
                if (retention != topic.retention().toMillis()) {
                    problems.add(topic.name() + " has retention.ms=" + retention + ", the catalog wants "
                            + topic.retention().toMillis() + " (" + topic.retention() + ")");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new TopicMismatchException(problems);
        }
    }

    /** A call on metadata. */
    private interface AdminCall<T> {
        T call() throws InterruptedException, ExecutionException, TimeoutException;
    }

    /**
     * Runs {@code call}, again while the broker does not know a topic yet: one just created (by us or
     * by a service starting alongside) takes a moment to reach every broker's metadata.
     */
    private static <T> T retryWhileUnknown(long deadline, AdminCall<T> call)
            throws InterruptedException, ExecutionException, TimeoutException {
        while (true) {
            try {
                return call.call();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private static String value(Config config, String name) {
        var entry = config.get(name);
        return entry == null || entry.value() == null ? "" : entry.value();
    }

    static Map<String, String> configs(Topic<?, ?> topic) {
        if (topic.cleanup() == CleanupPolicy.COMPACT) {
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, CleanupPolicy.COMPACT.config());
        }
        return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, CleanupPolicy.DELETE.config(),
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retention().toMillis()));
    }
}
