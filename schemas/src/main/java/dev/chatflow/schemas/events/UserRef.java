package dev.chatflow.schemas.events;

/** A user as messages name them: id and username. */
public record UserRef(String id, String username) {

    public UserRef {
        Contract.requireText(id, "id");
        Contract.requireText(username, "username");
    }
}
