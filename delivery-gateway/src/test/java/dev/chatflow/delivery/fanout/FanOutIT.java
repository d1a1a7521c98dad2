package dev.chatflow.delivery.fanout;

import static dev.chatflow.delivery.support.WsClient.oneTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.delivery.DeliveryGateway;
import dev.chatflow.delivery.support.Gateways;
import dev.chatflow.delivery.support.Pipeline;
import dev.chatflow.delivery.support.TestTokens;
import dev.chatflow.delivery.support.WsClient;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.junit.LocalStackExtension;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One consumer per gateway, fanned out in memory: every subscribed socket gets every message once, in order. */
@ExtendWith(LocalStackExtension.class)
class FanOutIT {

    private static Pipeline pipeline;
    private static DeliveryGateway gateway;

    @BeforeAll
    static void start(LocalStack stack) {
        pipeline = new Pipeline(stack);
        gateway = Gateways.start(stack);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        pipeline.close();
    }

    @Test
    void everyOneOf200SocketsReceivesEveryMessageOnceInSeqOrderAndNothingOfOtherChannels() {
        String channel = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        List<WsClient> clients = new ArrayList<>();
        try {
            List<String> users = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                users.add("u-" + UUID.randomUUID());
            }
            pipeline.joinAll(channel, users);
            pipeline.joinAll(other, users);
            for (String user : users) {
                clients.add(WsClient.authenticated(Gateways.ws(gateway), TestTokens.token(user, "user")).subscribe(channel));
            }
            clients.forEach(c -> assertThat(c.awaitSubscribed(channel).get("lastSeq").asLong()).isZero());

            for (int round = 0; round < 6; round++) {
                pipeline.publish(channel, 50);
                pipeline.publish(other, 10);
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> clients.stream().allMatch(c -> c.seqs(channel).size() >= 300));
            for (WsClient client : clients) {
                assertThat(client.seqs(channel)).containsExactlyElementsOf(oneTo(300));
                assertThat(client.seqs(other)).isEmpty();
            }
            assertThat(gateway.metrics().messagesPushed.count()).isGreaterThanOrEqualTo(200 * 300);
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void aSecondGatewayBesideTheFirstAlsoReceivesEveryMessage(LocalStack stack) {
        String channel = UUID.randomUUID().toString();
        pipeline.join(channel, "u-alice");
        String token = TestTokens.token("u-alice", "alice");
        try (DeliveryGateway second = Gateways.start(stack);
             WsClient one = WsClient.authenticated(Gateways.ws(gateway), token).subscribe(channel);
             WsClient two = WsClient.authenticated(Gateways.ws(second), token).subscribe(channel)) {
            one.awaitSubscribed(channel);
            two.awaitSubscribed(channel);

            pipeline.publish(channel, 40);

            await().atMost(WsClient.TIMEOUT).until(() -> one.seqs(channel).size() >= 40 && two.seqs(channel).size() >= 40);
            assertThat(one.seqs(channel)).containsExactlyElementsOf(oneTo(40));
            assertThat(two.seqs(channel)).containsExactlyElementsOf(oneTo(40));
        }
    }

    @Test
    void aGatewayCommitsHowFarItReadUnderItsMonitoringGroupSoItsLagIsVisible(LocalStack stack) throws Exception {
        String group = "it-delivery-monitoring-" + UUID.randomUUID();
        String channel = UUID.randomUUID().toString();
        pipeline.join(channel, "u-carol");
        try (DeliveryGateway monitored = Gateways.start(stack, java.util.Map.of(
                dev.chatflow.delivery.DeliverySettings.MONITORING_GROUP.key(), group));
             org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of(
                     "bootstrap.servers", stack.kafkaBootstrapServers()))) {
            pipeline.publish(channel, 5);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                var ends = admin.listOffsets(committed.keySet().stream().collect(java.util.stream.Collectors.toMap(
                        tp -> tp, tp -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
                assertThat(committed).hasSize(Topics.MESSAGES.partitions());
                committed.forEach((tp, offset) -> assertThat(offset.offset()).isEqualTo(ends.get(tp).offset()));
            });
        }
        assertThat(MessageFeed.monitoringGroup("none")).isEmpty();
        assertThat(MessageFeed.monitoringGroup("auto")).hasValueSatisfying(g -> assertThat(g).startsWith("chatflow-delivery-"));
    }

    @Test
    void pushedMessageHasTheContractShapeWithoutProcessingMetadata() {
        String channel = UUID.randomUUID().toString();
        pipeline.join(channel, "u-bob");
        try (WsClient client = WsClient.authenticated(Gateways.ws(gateway), TestTokens.token("u-bob", "bob")).subscribe(channel)) {
            client.awaitSubscribed(channel);
            ProcessedMessage sent = pipeline.publish(channel, 1).get(0);

            JsonNode frame = client.awaitFrame(f -> f.path("type").asText().equals("message"));

            assertThat(frame.get("channelId").asText()).isEqualTo(channel);
            assertThat(frame.get("seq").asLong()).isEqualTo(1);
            assertThat(frame.get("messageId").asText()).isEqualTo(sent.messageId());
            assertThat(frame.get("clientMsgId").asText()).isEqualTo(sent.clientMsgId());
            assertThat(frame.get("sender").get("username").asText()).isEqualTo(Pipeline.SENDER.username());
            assertThat(frame.get("text").asText()).isEqualTo(sent.text());
            assertThat(frame.has("sentAt")).isTrue();
            assertThat(frame.has("schemaVersion")).isFalse();
            assertThat(frame.has("processedAt")).isFalse();
            assertThat(frame.has("mentions")).isFalse();
        }
    }

    @Test
    void unsubscribedSocketStopsReceivingWhileOthersGoOn() {
        String channel = UUID.randomUUID().toString();
        pipeline.join(channel, "u-carol");
        String token = TestTokens.token("u-carol", "carol");
        try (WsClient leaving = WsClient.authenticated(Gateways.ws(gateway), token).subscribe(channel);
             WsClient staying = WsClient.authenticated(Gateways.ws(gateway), token).subscribe(channel)) {
            leaving.awaitSubscribed(channel);
            staying.awaitSubscribed(channel);
            pipeline.publish(channel, 5);
            await().atMost(WsClient.TIMEOUT).until(() -> leaving.seqs(channel).size() == 5);

            leaving.unsubscribe(channel).roundTrip();
            pipeline.publish(channel, 5);

            await().atMost(WsClient.TIMEOUT).until(() -> staying.seqs(channel).size() == 10);
            leaving.roundTrip();
            assertThat(leaving.seqs(channel)).containsExactlyElementsOf(oneTo(5));
        }
    }

    @Test
    void pingIsAnsweredWithPong() {
        try (WsClient client = WsClient.authenticated(Gateways.ws(gateway), TestTokens.token("u-dan", "dan"))) {
            client.roundTrip();
            assertThat(client.count(f -> f.path("type").asText().equals("pong"))).isEqualTo(1);
        }
    }

    @Test
    void messagesOfAbortedTransactionsAreNeverPushed() {
        String channel = UUID.randomUUID().toString();
        pipeline.join(channel, "u-erin");
        try (WsClient client = WsClient.authenticated(Gateways.ws(gateway), TestTokens.token("u-erin", "erin")).subscribe(channel);
             KafkaProducer<String, ProcessedMessage> producer = new KafkaProducer<>(
                     pipeline.producerProps("delivery-it-" + UUID.randomUUID()), Topics.MESSAGES.keySerde().serializer(),
                     Topics.MESSAGES.valueSerde().serializer())) {
            client.awaitSubscribed(channel);
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.MESSAGES.name(), channel, text(channel, 1, "aborted")));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.MESSAGES.name(), channel, text(channel, 1, "committed 1")));
            producer.send(new ProducerRecord<>(Topics.MESSAGES.name(), channel, text(channel, 2, "committed 2")));
            producer.commitTransaction();

            await().atMost(WsClient.TIMEOUT).until(() -> client.seqs(channel).size() >= 2);
            assertThat(client.frames().stream().filter(f -> f.path("type").asText().equals("message"))
                    .map(f -> f.get("text").asText())).containsExactly("committed 1", "committed 2");
        }
    }

    private static ProcessedMessage text(String channel, long seq, String text) {
        ProcessedMessage m = Pipeline.message(channel, seq, 10);
        return ProcessedMessage.of(channel, seq, m.messageId(), m.clientMsgId(), m.sender(), text, List.of(), null, null,
                m.sentAt(), m.processedAt());
    }
}
