package dev.chatflow.kit.kafka;

import dev.chatflow.kit.config.CommonSettings;
import dev.chatflow.kit.config.Config;
import dev.chatflow.kit.http.HealthCheck;
import dev.chatflow.schemas.topics.TopicCatalog;
import dev.chatflow.schemas.topics.TopicProvisioner;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Kafka client settings and start-up chores shared by the services. */
public final class KafkaClients {

    private KafkaClients() {
    }

    /** Bootstrap servers and client id: the base of every producer, consumer and admin client. */
    public static Properties base(Config config, String clientId) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.string(CommonSettings.KAFKA_BOOTSTRAP_SERVERS.key()));
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return props;
    }

    /** The topic catalog with this deployment's {@code topics.*} settings. */
    public static TopicCatalog catalog(Config config) {
        return TopicCatalog.from(config.lookup());
    }

    /** Creates missing topics and checks existing ones (fails on a contradiction); run at start-up. */
    public static TopicProvisioner.Report provisionTopics(Admin admin, Config config) {
        return new TopicProvisioner(admin, Duration.ofSeconds(30)).provision(catalog(config));
    }

    /** A health check: a metadata request that lists at least one broker. */
    public static HealthCheck health(Admin admin) {
        return new HealthCheck() {
            @Override
            public String name() {
                return "kafka";
            }

            @Override
            public void check() throws Exception {
                int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                        .nodes().get(3, TimeUnit.SECONDS).size();
                if (nodes == 0) {
                    throw new IllegalStateException("no broker available");
                }
            }
        };
    }
}
