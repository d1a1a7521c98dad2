package dev.chatflow.processor.topology;

import static dev.chatflow.processor.topology.TopologyFixture.ALICE;
import static dev.chatflow.processor.topology.TopologyFixture.T0;
import static dev.chatflow.processor.topology.TopologyFixture.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.chatflow.schemas.events.EventType;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.events.Rejection;
import dev.chatflow.schemas.events.RejectionReason;
import dev.chatflow.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RejectionTest {

    private static final int TEXT_LIMIT = 10;

    @TempDir
    Path stateDir;
    private final Set<RejectionReason> counted = ConcurrentHashMap.newKeySet();
    private TopologyFixture fixture;

    /** One kind of bad raw record: its key, value bytes, schema-version header (or null) and the expected reason. */
    record BadRecord(String name, String key, byte[] value, String versionHeader, RejectionReason reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadRecord> badRecords() {
        return Stream.of(
                new BadRecord("not JSON", "c1", utf8("{\"channelId\": \"c1\", oops"), null, RejectionReason.MALFORMED_JSON),
                new BadRecord("not UTF-8", "c1", new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, null,
                        RejectionReason.MALFORMED_JSON),
                new BadRecord("unknown version header", "c1", utf8(valid("c1", "\"hi\"")), "2",
                        RejectionReason.UNKNOWN_SCHEMA_VERSION),
                new BadRecord("unknown version field", "c1", utf8(valid("c1", "\"hi\"").replace("\"schemaVersion\":1",
                        "\"schemaVersion\":7")), null, RejectionReason.UNKNOWN_SCHEMA_VERSION),
                new BadRecord("no sender", "c1", utf8(valid("c1", "\"hi\"").replace(
                        "\"sender\":{\"id\":\"u-alice\",\"username\":\"alice\"},", "")), "1", RejectionReason.MISSING_FIELD),
                new BadRecord("tombstone", "c1", null, null, RejectionReason.MISSING_FIELD),
                new BadRecord("bad clientMsgId", "c1", utf8(valid("c1", "\"hi\"").replace("\"cm-1\"", "\"has space\"")),
                        "1", RejectionReason.INVALID_FIELD),
                new BadRecord("text of wrong type", "c1", utf8(valid("c1", "42")), "1", RejectionReason.INVALID_FIELD),
                new BadRecord("key is not the channel", "c2", utf8(valid("c1", "\"hi\"")), "1", RejectionReason.INVALID_FIELD),
                new BadRecord("blank text", "c1", utf8(valid("c1", "\" \\u0000\\t \\n\"")), "1", RejectionReason.EMPTY_TEXT),
                new BadRecord("text over the configured limit", "c1", utf8(valid("c1", "\"12345678901\"")), "1",
                        RejectionReason.TEXT_TOO_LONG),
                new BadRecord("text over the contract's limit", "c1", utf8(valid("c1", "\"" + "x".repeat(4001) + "\"")),
                        "1", RejectionReason.TEXT_TOO_LONG),
                new BadRecord("reply to a message that does not exist", "c1",
                        utf8(valid("c1", "\"hi\"").replace("\"text\"", "\"replyTo\":3,\"text\"")), "1",
                        RejectionReason.INVALID_REPLY_TO));
    }

    @BeforeEach
    void start() {
        TopologyListener listener = new TopologyListener() {
            @Override
            public void rejected(RejectionReason reason) {
                counted.add(reason);
            }
        };
        fixture = new TopologyFixture(TopologyConfig.defaults().withMaxTextLength(TEXT_LIMIT).withListener(listener),
                stateDir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void badRecordLandsInRejectedTopicWithReasonAndOriginalBytes(BadRecord bad) {
        RecordHeaders headers = new RecordHeaders();
        if (bad.versionHeader() != null) {
            headers.add(EventType.HEADER_SCHEMA_VERSION, utf8(bad.versionHeader()));
        }
        fixture.rawBytes.pipeInput(new TestRecord<>(bad.key(), bad.value(), headers, T0));

        TestRecord<String, Rejection> out = fixture.rejected.readRecord();
        Rejection rejection = out.value();
        assertThat(rejection.reason()).isEqualTo(bad.reason());
        assertThat(rejection.detail()).isNotBlank();
        assertThat(rejection.original().topic()).isEqualTo(Topics.RAW_MESSAGES.name());
        assertThat(rejection.original().offset()).isZero();
        assertThat(rejection.original().key()).isEqualTo(bad.key());
        assertThat(rejection.original().valueBytes()).isEqualTo(bad.value());
        assertThat(new String(out.headers().lastHeader(EventType.HEADER_EVENT_TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo(EventType.REJECTION.eventType());
        assertThat(counted).containsExactly(bad.reason());
        assertThat(fixture.messages.isEmpty()).isTrue();
    }

    @Test
    void everyRejectionReasonHasACase() {
        Set<RejectionReason> covered = badRecords().map(BadRecord::reason).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(RejectionReason.class));
    }

    @Test
    void rejectionNamesChannelAndMessageWhenTheValueReadsThatFar() {
        String noSender = valid("c1", "\"hi\"").replace("\"sender\":{\"id\":\"u-alice\",\"username\":\"alice\"},", "");
        fixture.rawBytes.pipeInput(new TestRecord<>("c1", utf8(noSender), new RecordHeaders(), T0));

        Rejection rejection = fixture.rejected.readValue();
        assertThat(rejection.channelId()).isEqualTo("c1");
        assertThat(rejection.messageId()).isEqualTo("msg-1");
    }

    @Test
    void malformedJsonDoesNotStopProcessing() {
        fixture.rawBytes.pipeInput(new TestRecord<>("c1", utf8("]]] not json"), new RecordHeaders(), T0));
        fixture.rawBytes.pipeInput(new TestRecord<>("c1", new byte[] {(byte) 0xFF, 0x00}, new RecordHeaders(), T0));
        fixture.send(message("c1", ALICE, "m-1", "still here"));

        assertThat(fixture.rejected.readValuesToList()).extracting(Rejection::reason)
                .containsExactly(RejectionReason.MALFORMED_JSON, RejectionReason.MALFORMED_JSON);
        List<ProcessedMessage> out = fixture.processed();
        assertThat(out).extracting(ProcessedMessage::seq, ProcessedMessage::text)
                .containsExactly(tuple(1L, "still here"));
    }

    @Test
    void textAtTheConfiguredLimitIsAccepted() {
        fixture.send(message("c1", ALICE, "m-1", "x".repeat(TEXT_LIMIT)));

        assertThat(fixture.processed()).hasSize(1);
        assertThat(fixture.rejected.isEmpty()).isTrue();
    }

    @Test
    void replyToAnEarlierMessageIsAcceptedAndToALaterOneRejected() {
        fixture.send(message("c1", ALICE, "m-1", "first"));
        fixture.send(message("c1", ALICE, "m-2", "to 1", 1L));
        fixture.send(message("c1", ALICE, "m-3", "to 3", 3L));   // 3 would be itself: not earlier
        fixture.send(message("c2", ALICE, "m-4", "to c2's 1", 1L)); // c2 is empty: other channels do not count

        assertThat(fixture.processed()).extracting(ProcessedMessage::clientMsgId).containsExactly("m-1", "m-2");
        List<Rejection> rejections = fixture.rejected.readValuesToList();
        assertThat(rejections).extracting(Rejection::reason)
                .containsOnly(RejectionReason.INVALID_REPLY_TO).hasSize(2);
        assertThat(rejections).extracting(Rejection::channelId).containsExactly("c1", "c2");
        assertThat(rejections.get(0).original().value()).contains("\"clientMsgId\":\"m-3\"");
    }

    /** A valid raw message JSON of channel {@code channel}, with {@code textJson} as the text value. */
    private static String valid(String channel, String textJson) {
        return "{\"schemaVersion\":1,\"messageId\":\"msg-1\",\"channelId\":\"" + channel + "\","
                + "\"sender\":{\"id\":\"u-alice\",\"username\":\"alice\"},\"clientMsgId\":\"cm-1\","
                + "\"text\":" + textJson + ",\"receivedAt\":\"2026-12-03T12:00:00Z\"}";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
