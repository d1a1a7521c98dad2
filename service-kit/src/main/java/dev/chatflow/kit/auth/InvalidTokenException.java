package dev.chatflow.kit.auth;

/** A session token that does not verify: malformed, signed by another key or algorithm, expired, or for another issuer or audience. */
public final class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
