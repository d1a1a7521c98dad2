package dev.chatflow.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatflow.kit.config.Config;
import dev.chatflow.kit.config.Setting;
import dev.chatflow.processor.sink.SinkConfig;
import dev.chatflow.processor.topology.StreamsSettings;
import dev.chatflow.processor.topology.TopologyConfig;
import dev.chatflow.processor.topology.TopologyListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ProcessorSettingsTest {

    @Test
    void defaultsFollowTheContracts() {
        Config config = Config.load(ProcessorSettings.all(), Map.of());

        TopologyConfig topology = StreamsSettings.topologyConfig(config, TopologyListener.NONE);
        assertThat(topology.maxTextLength()).isEqualTo(4000);
        assertThat(topology.dedupeWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(config.integer(ProcessorSettings.HTTP_PORT.key())).isEqualTo(8082);
        SinkConfig sink = ProcessorSettings.sinkConfig(config);
        assertThat(sink.groupId()).isEqualTo("chatflow-cassandra-sink");
    }

    @Test
    void streamsRunExactlyOnceWithStateUnderTheDataDir() {
        Config config = Config.load(ProcessorSettings.all(), Map.of("CHATFLOW_DATA_DIR", "/srv/chatflow",
                "CHATFLOW_PROCESSOR_DEDUPE_WINDOW", "2h"));

        StreamsConfig streams = StreamsSettings.streamsConfig(config);
        assertThat(streams.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(Path.of(streams.getString(StreamsConfig.STATE_DIR_CONFIG))).startsWithRaw(Path.of("/srv/chatflow"));
        assertThat(StreamsSettings.topologyConfig(config, TopologyListener.NONE).dedupeWindow())
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aTextLimitAboveTheContractIsRefused() {
        Config config = Config.load(ProcessorSettings.all(), Map.of("CHATFLOW_PROCESSOR_MAX_TEXT_LENGTH", "5000"));

        assertThatThrownBy(() -> StreamsSettings.topologyConfig(config, TopologyListener.NONE))
                .hasMessageContaining("4000");
    }

    @Test
    void everySettingHasADescriptionAndAUniqueKey() {
        assertThat(ProcessorSettings.all()).extracting(Setting::key).doesNotHaveDuplicates();
        assertThat(ProcessorSettings.all()).allSatisfy(s -> assertThat(s.description()).isNotBlank());
    }
}
