package dev.chatflow.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.schemas.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The ingest gateway's REST API as a client uses it: sign-up, login, channels. */
public final class ChatApi {

    private final HttpClient http;
    private final URI base;

    public ChatApi(HttpClient http, URI ingestBase) {
        this.http = http;
        this.base = ingestBase;
    }

    /** A logged-in user. */
    public record Session(String userId, String username, String token) {
    }

    /** Signs up (when the user does not exist yet) and logs in. */
    public Session signUpAndLogIn(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> created = post("/api/v1/users", null, Map.of("username", username, "password", password));
        if (created.statusCode() != 201 && created.statusCode() != 409) {
            throw new IOException("sign-up of " + username + " failed: " + created.statusCode() + " " + created.body());
        }
        HttpResponse<String> login = post("/api/v1/sessions", null, Map.of("username", username, "password", password));
        expect(login, 200, "login of " + username);
        JsonNode body = Json.mapper().readTree(login.body());
        return new Session(body.at("/user/id").asText(), username, body.get("token").asText());
    }

    /** Creates a channel; the creator is a member. */
    public String createChannel(Session session, String name) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/api/v1/channels", session.token(), Map.of("name", name));
        expect(response, 201, "creating channel " + name);
        return Json.mapper().readTree(response.body()).get("id").asText();
    }

    /** Joins a channel (idempotent). */
    public void join(Session session, String channelId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/channels/" + channelId + "/members/me"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + session.token())
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        expect(response, 204, "joining " + channelId);
    }

    /** A request that posts one message; the caller sends it asynchronously. */
    public HttpRequest postMessage(Session session, String channelId, String clientMsgId, String text) {
        return HttpRequest.newBuilder(base.resolve("/api/v1/channels/" + channelId + "/messages"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + session.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("clientMsgId", clientMsgId, "text", text))))
                .build();
    }

    private HttpResponse<String> post(String path, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status, String what) throws IOException {
        if (response.statusCode() != status) {
            throw new IOException(what + " failed: " + response.statusCode() + " " + response.body());
        }
    }

    static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
