package dev.chatflow.delivery.sockets;

import static dev.chatflow.delivery.support.WsClient.oneTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatflow.delivery.DeliveryGateway;
import dev.chatflow.delivery.support.Gateways;
import dev.chatflow.delivery.support.Pipeline;
import dev.chatflow.delivery.support.TestTokens;
import dev.chatflow.delivery.support.WsClient;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.junit.LocalStackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Clients that cannot keep up, or vanish, are dropped; nobody else notices. */
@ExtendWith(LocalStackExtension.class)
class SlowClientIT {

    private static final int MESSAGES = 1500;
    private static Pipeline pipeline;
    private static DeliveryGateway gateway;

    @BeforeAll
    static void start(LocalStack stack) {
        pipeline = new Pipeline(stack);
        gateway = Gateways.start(stack, Map.of(
                "delivery.socket.queue.max-frames", "64",
                "delivery.socket.queue.max-bytes", "262144"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        pipeline.close();
    }

    @Test
    void socketThatStopsReadingIsClosedWith4008WhileTheOthersReceiveEverything() {
        String channel = UUID.randomUUID().toString();
        List<String> users = List.of("u-slow", "u-fast1", "u-fast2", "u-fast3");
        pipeline.joinAll(channel, users);
        List<WsClient> fast = new ArrayList<>();
        try (WsClient slow = WsClient.authenticated(Gateways.ws(gateway), TestTokens.token("u-slow", "slow")).subscribe(channel)) {
            for (String user : users.subList(1, users.size())) {
                fast.add(WsClient.authenticated(Gateways.ws(gateway), TestTokens.token(user, "fast")).subscribe(channel));
            }
            slow.awaitSubscribed(channel);
            fast.forEach(c -> c.awaitSubscribed(channel));
            double slowBefore = gateway.metrics().slowClientDisconnects.count();
            slow.pause();

            // about 6 MB of 4 kB messages: far more than the slow client's socket buffers and its outbox hold
            for (int i = 0; i < MESSAGES; i += 100) {
                pipeline.produce(pipeline.next(channel, 100, 4000));
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> fast.stream().allMatch(c -> c.seqs(channel).size() >= MESSAGES));
            fast.forEach(c -> assertThat(c.seqs(channel)).containsExactlyElementsOf(oneTo(MESSAGES)));
            assertThat(gateway.metrics().slowClientDisconnects.count()).isEqualTo(slowBefore + 1);

            slow.resume();
            assertThat(slow.awaitClose()).isEqualTo(4008);
            List<Long> got = slow.seqs(channel);
            assertThat(got).isEqualTo(oneTo(got.size())).hasSizeLessThan(MESSAGES);
        } finally {
            fast.forEach(WsClient::close);
        }
    }

    @Test
    void deadSocketThatAnswersNoPingsIsReapedAfterTheIdleTimeout(LocalStack stack) {
        try (DeliveryGateway reaping = Gateways.start(stack, Map.of(
                "delivery.socket.ping-interval", "200ms",
                "delivery.socket.idle-timeout", "1s"));
             WsClient dead = WsClient.authenticated(Gateways.ws(reaping), TestTokens.token("u-ghost", "ghost"));
             WsClient alive = WsClient.authenticated(Gateways.ws(reaping), TestTokens.token("u-live", "live"))) {
            dead.roundTrip();
            dead.pause(); // reads nothing more, so it never sees the pings and never answers them

            await().atMost(Duration.ofSeconds(20)).until(() -> reaping.metrics().idleDisconnects.count() == 1);
            alive.roundTrip();
            assertThat(alive.isClosed()).isFalse();
            dead.resume();
            assertThat(dead.awaitClose()).isEqualTo(4008);
        }
    }
}
