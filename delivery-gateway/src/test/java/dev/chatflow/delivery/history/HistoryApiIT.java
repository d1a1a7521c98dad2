package dev.chatflow.delivery.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.delivery.DeliveryGateway;
import dev.chatflow.delivery.support.Gateways;
import dev.chatflow.delivery.support.Pipeline;
import dev.chatflow.delivery.support.TestTokens;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.junit.LocalStackExtension;
import dev.chatflow.schemas.json.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /api/v1/channels/{id}/messages}: paging over Cassandra, for members only. */
@ExtendWith(LocalStackExtension.class)
class HistoryApiIT {

    private static final String MEMBER = "u-reader";
    private static final String TOKEN = TestTokens.token(MEMBER, "reader");
    private static Pipeline pipeline;
    private static DeliveryGateway gateway;
    private static String channel;

    @BeforeAll
    static void start(LocalStack stack) {
        pipeline = new Pipeline(stack);
        gateway = Gateways.start(stack);
        channel = UUID.randomUUID().toString();
        pipeline.join(channel, MEMBER);
        pipeline.store(pipeline.next(channel, 123, 30));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        pipeline.close();
    }

    private static String path(String query) {
        return "/api/v1/channels/" + channel + "/messages" + query;
    }

    private static JsonNode ok(String query) throws Exception {
        HttpResponse<String> response = Gateways.get(gateway, path(query), TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static List<Long> seqs(JsonNode page) {
        List<Long> seqs = new ArrayList<>();
        page.get("messages").forEach(m -> seqs.add(m.get("seq").asLong()));
        return seqs;
    }

    @Test
    void pagingBackwardsWithBeforeReturnsEachMessageOnceNewestFirst() throws Exception {
        List<Long> all = new ArrayList<>();
        JsonNode page = ok("?limit=50");
        int pages = 1;
        all.addAll(seqs(page));
        while (!page.get("nextBefore").isNull()) {
            page = ok("?limit=50&before=" + page.get("nextBefore").asLong());
            all.addAll(seqs(page));
            pages++;
        }
        List<Long> expected = new ArrayList<>(LongStream.rangeClosed(1, 123).boxed().toList());
        Collections.reverse(expected);
        assertThat(all).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void pagingForwardsWithAfterReturnsEachMessageOnceOldestFirst() throws Exception {
        List<Long> all = new ArrayList<>();
        long cursor = 0;
        for (int i = 0; i < 10; i++) {
            JsonNode page = ok("?limit=40&after=" + cursor);
            if (page.get("messages").isEmpty()) {
                assertThat(page.get("nextAfter").asLong()).isEqualTo(cursor);
                break;
            }
            all.addAll(seqs(page));
            cursor = page.get("nextAfter").asLong();
        }
        assertThat(all).containsExactlyElementsOf(LongStream.rangeClosed(1, 123).boxed().toList());
    }

    @Test
    void defaultPageIsTheNewest50InTheMessageShape() throws Exception {
        JsonNode page = ok("");
        assertThat(seqs(page)).hasSize(50).startsWith(123L, 122L).endsWith(74L);
        assertThat(page.get("nextBefore").asLong()).isEqualTo(74);
        JsonNode newest = page.get("messages").get(0);
        assertThat(newest.get("type").asText()).isEqualTo("message");
        assertThat(newest.get("channelId").asText()).isEqualTo(channel);
        assertThat(newest.get("sender").get("id").asText()).isEqualTo(Pipeline.SENDER.id());
        assertThat(newest.has("processedAt")).isFalse();
        assertThat(newest.has("schemaVersion")).isFalse();
    }

    @Test
    void limitOutsideOneTo200IsRejected() throws Exception {
        for (String limit : List.of("0", "201", "-1", "ten", "1.5")) {
            HttpResponse<String> response = Gateways.get(gateway, path("?limit=" + limit), TOKEN);
            assertThat(response.statusCode()).as(limit).isEqualTo(400);
            assertThat(Json.mapper().readTree(response.body()).at("/error/code").asText()).isEqualTo("invalid_limit");
        }
        assertThat(seqs(ok("?limit=200"))).hasSize(123);
        assertThat(seqs(ok("?limit=1"))).containsExactly(123L);
    }

    @Test
    void beforeAndAfterTogetherOrNotANumberAreRejected() throws Exception {
        for (String query : List.of("?before=5&after=2", "?before=x", "?after=-3")) {
            HttpResponse<String> response = Gateways.get(gateway, path(query), TOKEN);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(Json.mapper().readTree(response.body()).at("/error/code").asText()).isEqualTo("invalid_cursor");
        }
    }

    @Test
    void withoutTokenIs401() throws Exception {
        HttpResponse<String> response = Gateways.get(gateway, path(""));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Json.mapper().readTree(response.body()).at("/error/code").asText()).isEqualTo("unauthorized");
        assertThat(Gateways.get(gateway, path(""), TestTokens.foreignToken(MEMBER, "reader")).statusCode()).isEqualTo(401);
    }

    @Test
    void nonMemberIs403() throws Exception {
        HttpResponse<String> response = Gateways.get(gateway, path(""), TestTokens.token("u-stranger", "stranger"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Json.mapper().readTree(response.body()).at("/error/code").asText()).isEqualTo("not_a_member");
    }

    @Test
    void unknownChannelIs404() throws Exception {
        HttpResponse<String> response = Gateways.get(gateway, "/api/v1/channels/" + UUID.randomUUID() + "/messages", TOKEN);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(response.body()).at("/error/code").asText()).isEqualTo("channel_not_found");
    }

    @Test
    void memberWhoJustJoinedCanReadAtOnce() throws Exception {
        String user = "u-" + UUID.randomUUID();
        pipeline.join(channel, user);
        HttpResponse<String> response = Gateways.get(gateway, path("?limit=1"), TestTokens.token(user, "new"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void healthAndMetricsAnswer() throws Exception {
        HttpResponse<String> health = Gateways.get(gateway, "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(health.body()).at("/checks/messages-feed/status").asText()).isEqualTo("UP");
        String metrics = Gateways.get(gateway, "/metrics").body();
        assertThat(metrics).contains("delivery_connections", "delivery_subscriptions", "delivery_messages_pushed_total",
                "delivery_slow_client_disconnects_total", "delivery_consumer_lag_records");
    }
}
