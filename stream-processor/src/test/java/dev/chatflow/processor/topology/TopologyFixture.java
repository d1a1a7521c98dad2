package dev.chatflow.processor.topology;

import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.events.RawMessage;
import dev.chatflow.schemas.events.Rejection;
import dev.chatflow.schemas.events.UserProfile;
import dev.chatflow.schemas.events.UserRef;
import dev.chatflow.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The topology on a {@link TopologyTestDriver}, with the chatflow topics as typed test topics. */
final class TopologyFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    static final UserRef ALICE = new UserRef("u-alice", "alice");
    static final UserRef BOB = new UserRef("u-bob", "bob");

    final TopologyTestDriver driver;
    final TestInputTopic<String, RawMessage> raw;
    final TestInputTopic<String, byte[]> rawBytes;
    final TestInputTopic<String, UserProfile> users;
    final TestOutputTopic<String, ProcessedMessage> messages;
    final TestOutputTopic<String, Rejection> rejected;

    TopologyFixture(TopologyConfig config, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "processor-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(ChatTopology.build(config), props, T0);
        raw = driver.createInputTopic(Topics.RAW_MESSAGES.name(), new StringSerializer(),
                Topics.RAW_MESSAGES.valueSerde().serializer());
        rawBytes = driver.createInputTopic(Topics.RAW_MESSAGES.name(), new StringSerializer(), new ByteArraySerializer());
        users = driver.createInputTopic(Topics.USERS.name(), new StringSerializer(), Topics.USERS.valueSerde().serializer());
        messages = driver.createOutputTopic(Topics.MESSAGES.name(), new StringDeserializer(),
                Topics.MESSAGES.valueSerde().deserializer());
        rejected = driver.createOutputTopic(Topics.REJECTED_MESSAGES.name(), new StringDeserializer(),
                Topics.REJECTED_MESSAGES.valueSerde().deserializer());
    }

    static RawMessage message(String channel, UserRef sender, String clientMsgId, String text) {
        return message(channel, sender, clientMsgId, text, null);
    }

    static RawMessage message(String channel, UserRef sender, String clientMsgId, String text, Long replyTo) {
        return RawMessage.of(UUID.randomUUID().toString(), channel, sender, clientMsgId, text, replyTo, T0);
    }

    /** Sends {@code message} keyed by its channel, with record time {@code at}. */
    void send(RawMessage message, Instant at) {
        raw.pipeInput(new TestRecord<>(message.channelId(), message, at));
    }

    void send(RawMessage message) {
        send(message, T0);
    }

    void profile(String id, String username) {
        users.pipeInput(id, UserProfile.of(id, username, T0));
    }

    List<ProcessedMessage> processed() {
        return messages.readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
