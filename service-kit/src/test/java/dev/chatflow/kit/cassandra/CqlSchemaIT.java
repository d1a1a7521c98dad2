package dev.chatflow.kit.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.chatflow.kit.config.CommonSettings;
import dev.chatflow.kit.config.Config;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.junit.LocalStackExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class CqlSchemaIT {

    @Test
    void schemaIsAppliedOnceAndItsTablesExist(LocalStack stack) {
        Config config = Config.of(CommonSettings.cassandra(), Map.of(
                CommonSettings.CASSANDRA_CONTACT_POINTS.key(), "127.0.0.1:" + stack.cassandraContactPoint().getPort()));
        try (CqlSession session = CqlSessions.connect(config, "it")) {
            assertThat(CqlSchema.apply(session, "chatflow_it", "{'class': 'SimpleStrategy', 'replication_factor': 1}"))
                    .containsExactly("V001__message_history.cql");
            assertThat(CqlSchema.apply(session, "chatflow_it", "{'class': 'SimpleStrategy', 'replication_factor': 1}"))
                    .isEmpty();
            var tables = session.getMetadata().getKeyspace("chatflow_it").orElseThrow().getTables().keySet();
            assertThat(tables.stream().map(Object::toString)).contains("messages", "channel_buckets", "schema_migrations");
            assertThat(CqlSessions.health(session).name()).isEqualTo("cassandra");
        }
    }
}
