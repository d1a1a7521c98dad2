package dev.chatflow.delivery.history;

import com.datastax.oss.driver.api.core.DriverException;
import dev.chatflow.delivery.frames.PushedMessage;
import dev.chatflow.delivery.memberships.ChannelAccess;
import dev.chatflow.kit.auth.JwtVerifier;
import dev.chatflow.kit.auth.Principal;
import dev.chatflow.kit.cassandra.HistoryStore;
import dev.chatflow.kit.http.ApiException;
import dev.chatflow.kit.http.Responses;
import dev.chatflow.schemas.events.ProcessedMessage;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * {@code GET /api/v1/channels/{id}/messages?before=SEQ|after=SEQ&limit=N}: a page of a channel's history
 * from Cassandra, for its members. {@code before} pages go newest first and name {@code nextBefore} (null
 * when the page reaches seq 1); {@code after} pages go oldest first and name {@code nextAfter} (the
 * newest seq returned, or the given one when nothing is newer yet). Blocking: route it as such.
 */
public final class HistoryHandler implements HttpHandler {

    private final JwtVerifier verifier;
    private final ChannelAccess access;
    private final HistoryStore history;

    public HistoryHandler(JwtVerifier verifier, ChannelAccess access, HistoryStore history) {
        this.verifier = verifier;
        this.access = access;
        this.history = history;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        Principal principal = verifier.authenticate(exchange);
        String channelId = exchange.getQueryParameters().get("id").getFirst();
        HistoryQuery query = HistoryQuery.from(exchange.getQueryParameters());
        requireMember(channelId, principal.userId());
        List<ProcessedMessage> page;
        try {
            page = query.newestFirst() ? history.before(channelId, query.cursor(), query.limit())
                    : history.after(channelId, query.cursor(), query.limit());
        } catch (DriverException e) {
            throw new ApiException(503, "unavailable", "the message history cannot be read right now; try again");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", page.stream().map(PushedMessage::of).toList());
        if (query.newestFirst()) {
            long oldest = page.isEmpty() ? 1 : page.get(page.size() - 1).seq();
            body.put("nextBefore", oldest > 1 ? oldest : null);
        } else {
            body.put("nextAfter", page.isEmpty() ? query.cursor() : page.get(page.size() - 1).seq());
        }
        Responses.json(exchange, 200, body);
    }

    private void requireMember(String channelId, String userId) throws InterruptedException {
        ChannelAccess.Verdict verdict;
        try {
            verdict = access.check(channelId, userId).toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw new ApiException(503, "unavailable", "memberships cannot be checked right now; try again");
        }
        switch (verdict) {
            case UNKNOWN_CHANNEL -> throw ApiException.notFound("channel_not_found", "there is no channel " + channelId);
            case NOT_A_MEMBER -> throw ApiException.forbidden("not_a_member", "you are not a member of channel " + channelId);
            case MEMBER -> {
                // allowed
            }
        }
    }
}
