package dev.chatflow.processor.topology;

import dev.chatflow.schemas.events.UserRef;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The users known from {@code chat.users}, in one global store with two kinds of keys: {@code id:<user
 * id>} and {@code name:<username, lower case>}, both mapping to the user's id and current username. The
 * second answers mentions case-insensitively, as usernames are unique regardless of case.
 */
final class UserDirectory {

    private static final String BY_ID = "id:";
    private static final String BY_NAME = "name:";

    private UserDirectory() {
    }

    static Optional<UserRef> byId(ReadOnlyKeyValueStore<String, UserRef> store, String id) {
        return Optional.ofNullable(store.get(BY_ID + id));
    }

    static Optional<UserRef> byUsername(ReadOnlyKeyValueStore<String, UserRef> store, String username) {
        return Optional.ofNullable(store.get(nameKey(username)));
    }

    /** Records {@code user}, dropping the name entry of a previous username of the same id. */
    static void put(KeyValueStore<String, UserRef> store, UserRef user) {
        UserRef previous = store.get(BY_ID + user.id());
        if (previous != null && !nameKey(previous.username()).equals(nameKey(user.username()))) {
            removeName(store, previous);
        }
        store.put(BY_ID + user.id(), user);
        store.put(nameKey(user.username()), user);
    }

    /** Forgets the user with {@code id} (a tombstone on {@code chat.users}). */
    static void remove(KeyValueStore<String, UserRef> store, String id) {
        UserRef previous = store.delete(BY_ID + id);
        if (previous != null) {
            removeName(store, previous);
        }
    }

    private static void removeName(KeyValueStore<String, UserRef> store, UserRef user) {
        UserRef named = store.get(nameKey(user.username()));
        if (named != null && named.id().equals(user.id())) {
            store.delete(nameKey(user.username()));
        }
    }

    private static String nameKey(String username) {
        return BY_NAME + username.toLowerCase(Locale.ROOT);
    }
}
