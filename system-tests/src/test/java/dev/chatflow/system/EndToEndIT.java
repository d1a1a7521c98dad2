package dev.chatflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.bench.client.ChatApi;
import dev.chatflow.bench.client.JsonSocket;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.junit.LocalStackExtension;
import dev.chatflow.schemas.events.Rejection;
import dev.chatflow.schemas.events.RejectionReason;
import dev.chatflow.schemas.json.Json;
import dev.chatflow.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * chatflow as a user meets it: two people sign up, log in, share a channel, listen on the delivery
 * WebSocket and post over HTTP and the ingest WebSocket — including a re-sent message and one the
 * processor must refuse. Each accepted message reaches each of them once, in order, enriched; history
 * returns the same; the refused one is in {@code chat.messages.rejected} with its reason.
 */
@ExtendWith({LocalStackExtension.class, ChatflowExtension.class})
class EndToEndIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static RunningChatflow chatflow;
    private static LocalStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void connect(LocalStack localStack, RunningChatflow running) {
        stack = localStack;
        chatflow = running;
    }

    /** A delivery socket that records every frame it gets. */
    private JsonSocket listen(ChatApi.Session user, String channelId, List<JsonNode> frames) {
        JsonSocket socket = JsonSocket.open(http, RunningChatflow.websocket(chatflow.delivery()), frames::add);
        socket.send(Map.of("type", "auth", "token", user.token()));
        socket.send(Map.of("type", "subscribe", "channelId", channelId));
        await().atMost(PATIENCE).until(() -> frames.stream().anyMatch(f -> f.path("type").asText().equals("subscribed")));
        return socket;
    }

    private HttpResponse<String> post(ChatApi.Session user, String channelId, Map<String, Object> body) throws Exception {
        return http.send(HttpRequest.newBuilder(chatflow.ingest().resolve("/api/v1/channels/" + channelId + "/messages"))
                        .header("Authorization", "Bearer " + user.token()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> messages(List<JsonNode> frames) {
        return frames.stream().filter(f -> f.path("type").asText().equals("message")).toList();
    }

    @Test
    void twoUsersChatOverBothTransportsAndEveryAcceptedMessageArrivesOnceInOrder() throws Exception {
        ChatApi api = new ChatApi(http, chatflow.ingest());
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        ChatApi.Session alice = api.signUpAndLogIn("alice_" + suffix, "alice's long password");
        ChatApi.Session bob = api.signUpAndLogIn("bob_" + suffix, "bob's long password");
        String channel = api.createChannel(alice, "e2e " + suffix);
        api.join(bob, channel);

        List<JsonNode> aliceFrames = new CopyOnWriteArrayList<>();
        List<JsonNode> bobFrames = new CopyOnWriteArrayList<>();
        JsonSocket aliceDelivery = listen(alice, channel, aliceFrames);
        JsonSocket bobDelivery = listen(bob, channel, bobFrames);
        assertThat(aliceFrames.get(0).path("lastSeq").asLong()).isZero();

        // alice over HTTP; the second message answers the first and mentions bob
        assertThat(post(alice, channel, Map.of("clientMsgId", "h1", "text", "hello bob")).statusCode()).isEqualTo(202);
        assertThat(post(alice, channel, Map.of("clientMsgId", "h2", "text", "did you see this, @" + bob.username() + "?",
                "replyTo", 1)).statusCode()).isEqualTo(202);

        // bob over the ingest WebSocket, sending the same message twice (a retry after a lost ack)
        List<JsonNode> bobAcks = new CopyOnWriteArrayList<>();
        JsonSocket bobIngest = JsonSocket.open(http, RunningChatflow.websocket(chatflow.ingest()), bobAcks::add);
        bobIngest.send(Map.of("type", "auth", "token", bob.token()));
        Map<String, Object> w1 = Map.of("type", "send", "channelId", channel, "clientMsgId", "w1", "text", "  yes, I did  ");
        bobIngest.send(w1);
        bobIngest.send(w1);
        await().atMost(PATIENCE).until(() -> bobAcks.size() == 2);
        assertThat(bobAcks).allSatisfy(a -> assertThat(a.path("type").asText()).isEqualTo("ack"));
        assertThat(bobAcks.get(1).path("messageId").asText()).isEqualTo(bobAcks.get(0).path("messageId").asText());

        // accepted by ingest, refused by the processor: there is no message 99 to answer
        assertThat(post(alice, channel, Map.of("clientMsgId", "bad1", "text", "answering nothing", "replyTo", 99))
                .statusCode()).isEqualTo(202);
        Rejection rejection = awaitRejection("bad1");
        assertThat(rejection.reason()).isEqualTo(RejectionReason.INVALID_REPLY_TO);
        assertThat(rejection.channelId()).isEqualTo(channel);

        // one more after the refused one: everything before it in the channel has been pushed by now
        assertThat(post(alice, channel, Map.of("clientMsgId", "h3", "text", "bye")).statusCode()).isEqualTo(202);
        for (List<JsonNode> frames : List.of(aliceFrames, bobFrames)) {
            await().atMost(PATIENCE).until(() -> messages(frames).stream().anyMatch(m -> m.path("clientMsgId").asText().equals("h3")));
            List<JsonNode> got = messages(frames);
            assertThat(got).extracting(m -> m.path("seq").asLong()).containsExactly(1L, 2L, 3L, 4L);
            assertThat(got).extracting(m -> m.path("clientMsgId").asText()).containsExactly("h1", "h2", "w1", "h3");
            assertThat(got.get(2).path("text").asText()).isEqualTo("yes, I did");
            assertThat(got.get(2).path("messageId").asText()).isEqualTo(bobAcks.get(0).path("messageId").asText());
            JsonNode reply = got.get(1);
            assertThat(reply.at("/reply/seq").asLong()).isEqualTo(1);
            assertThat(reply.at("/reply/sender/username").asText()).isEqualTo(alice.username());
            assertThat(reply.at("/reply/preview").asText()).isEqualTo("hello bob");
            assertThat(reply.path("mentions")).extracting(m -> m.path("id").asText()).containsExactly(bob.userId());
        }

        // history tells the same story, newest first, for either of them — once the sink, which writes
        // Cassandra asynchronously beside the live path, has caught up
        await().atMost(PATIENCE).untilAsserted(() -> {
            HttpResponse<String> history = http.send(HttpRequest.newBuilder(chatflow.delivery()
                            .resolve("/api/v1/channels/" + channel + "/messages?limit=10"))
                    .header("Authorization", "Bearer " + bob.token()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(history.statusCode()).isEqualTo(200);
            List<String> newestFirst = new ArrayList<>();
            Json.mapper().readTree(history.body()).path("messages").forEach(m -> newestFirst.add(m.path("clientMsgId").asText()));
            assertThat(newestFirst).containsExactly("h3", "w1", "h2", "h1");
        });

        aliceDelivery.close();
        bobDelivery.close();
        bobIngest.close();
    }

    private Rejection awaitRejection(String clientMsgId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Rejection> found = new ArrayList<>();
        try (KafkaConsumer<String, Rejection> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                Topics.REJECTED_MESSAGES.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REJECTED_MESSAGES.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.value().original().value().contains("\"clientMsgId\":\"" + clientMsgId + "\"")) {
                        found.add(r.value());
                    }
                });
                return !found.isEmpty();
            });
        }
        return found.get(0);
    }
}
