package dev.chatflow.ingest.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.ingest.http.Requests;
import dev.chatflow.ingest.sessions.Authenticator;
import dev.chatflow.kit.auth.Principal;
import dev.chatflow.kit.http.ErrorShield;
import dev.chatflow.kit.http.JsonBody;
import dev.chatflow.kit.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;

/**
 * {@code POST /api/v1/channels/{id}/messages}: 202 {@code {channelId, clientMsgId, messageId}} once Kafka
 * acknowledged the message, or the intake's error. Runs on a worker thread (it reads the body); the
 * exchange stays open while Kafka acknowledges, without holding the thread, and the answer is written
 * from a worker thread.
 */
public final class PostMessageHandler implements HttpHandler {

    private final Authenticator authenticator;
    private final MessageIntake intake;

    public PostMessageHandler(Authenticator authenticator, MessageIntake intake) {
        this.authenticator = authenticator;
        this.intake = intake;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        Principal sender = authenticator.authenticate(exchange);
        String channelId = Requests.pathParameter(exchange, "id");
        JsonNode body = JsonBody.readObject(exchange, JsonBody.DEFAULT_MAX_BYTES);
        Submission submission = intake.submit(sender, channelId, SendRequest.from(body));
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> submission.outcome().whenComplete((accepted, failure) ->
                exchange.getConnection().getWorker().execute(() -> {
                    if (failure != null) {
                        ErrorShield.handle(exchange, failure);
                    } else {
                        Responses.json(exchange, 202, accepted);
                    }
                })));
    }
}
