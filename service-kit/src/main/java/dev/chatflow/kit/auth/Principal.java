package dev.chatflow.kit.auth;

/** The authenticated user of a request or socket, as the session token names them. */
public record Principal(String userId, String username) {
}
