package dev.chatflow.ingest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatflow.schemas.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** A small client of the ingest gateway's REST API for tests. */
public final class ApiClient {

    private static final AtomicInteger USERS = new AtomicInteger();
    public static final String PASSWORD = "s3cret-enough";

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** An answer: status, JSON body (or null) and the raw response. */
    public record Response(int status, JsonNode body, HttpResponse<String> raw) {

        public String errorCode() {
            return body == null ? null : body.at("/error/code").asText(null);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** A signed-up, logged-in user. */
    public record User(String id, String username, String token) {
    }

    public String baseUrl() {
        return baseUrl;
    }

    public static String uniqueName(String prefix) {
        return prefix + USERS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Signs up and logs in a new user with a unique name. */
    public User newUser() {
        String username = uniqueName("u");
        Response created = signUp(username, PASSWORD);
        if (created.status() != 201) {
            throw new IllegalStateException("sign-up failed: " + created.raw().body());
        }
        Response session = logIn(username, PASSWORD);
        return new User(created.body().get("id").asText(), username, session.body().get("token").asText());
    }

    public Response signUp(String username, String password) {
        return post("/api/v1/users", null, credentials(username, password));
    }

    public Response logIn(String username, String password) {
        return post("/api/v1/sessions", null, credentials(username, password));
    }

    public Response listChannels(String token) {
        return send("GET", "/api/v1/channels", token, null);
    }

    public Response createChannel(String token, String name) {
        return post("/api/v1/channels", token, Json.mapper().createObjectNode().put("name", name).toString());
    }

    /** Creates a channel with a unique name; returns its id. */
    public String newChannel(String token) {
        Response created = createChannel(token, uniqueName("channel "));
        if (created.status() != 201) {
            throw new IllegalStateException("channel creation failed: " + created.raw().body());
        }
        return created.body().get("id").asText();
    }

    public Response join(String token, String channelId) {
        return send("PUT", "/api/v1/channels/" + channelId + "/members/me", token, null);
    }

    public Response leave(String token, String channelId) {
        return send("DELETE", "/api/v1/channels/" + channelId + "/members/me", token, null);
    }

    public Response members(String token, String channelId) {
        return send("GET", "/api/v1/channels/" + channelId + "/members", token, null);
    }

    public Response postMessage(String token, String channelId, String clientMsgId, String text) {
        ObjectNode body = Json.mapper().createObjectNode().put("clientMsgId", clientMsgId).put("text", text);
        return postMessage(token, channelId, body.toString());
    }

    public Response postMessage(String token, String channelId, String jsonBody) {
        return post("/api/v1/channels/" + channelId + "/messages", token, jsonBody);
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response post(String path, String token, String jsonBody) {
        return send("POST", path, token, jsonBody);
    }

    public Response send(String method, String path, String token, String jsonBody) {
        return sendWithHeaders(method, path, jsonBody, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    public Response sendWithHeaders(String method, String path, String jsonBody, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            if (response.body() != null && !response.body().isEmpty()
                    && response.headers().firstValue("content-type").orElse("").startsWith("application/json")) {
                body = Json.mapper().readTree(response.body());
            }
            return new Response(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String credentials(String username, String password) {
        return Json.mapper().createObjectNode().put("username", username).put("password", password).toString();
    }
}
