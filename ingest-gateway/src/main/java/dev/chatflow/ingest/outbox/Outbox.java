package dev.chatflow.ingest.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.chatflow.schemas.json.Json;
import dev.chatflow.schemas.topics.Topic;
import dev.chatflow.schemas.topics.Topics;
import java.util.List;
import org.jooq.DSLContext;

import static dev.chatflow.ingest.db.Tables.OUTBOX;

/**
 * The transactional outbox: a change to users or memberships appends the event that announces it in the
 * same database transaction, and the {@link OutboxRelay} publishes it after the commit. So Kafka gets
 * every committed change — late when the broker is down, never lost — and none that was rolled back.
 */
public final class Outbox {

    /** The topics whose events go through the outbox. */
    static final List<Topic<String, ?>> TOPICS = List.of(Topics.USERS, Topics.MEMBERSHIPS);

    private final Runnable wakeRelay;

    /** @param wakeRelay tells the relay that something was committed */
    public Outbox(Runnable wakeRelay) {
        this.wakeRelay = wakeRelay;
    }

    /** Appends an event (null: a tombstone) within the caller's transaction {@code tx}. */
    public <V> void append(DSLContext tx, Topic<String, V> topic, String key, V value) {
        if (TOPICS.stream().noneMatch(t -> t.name().equals(topic.name()))) {
            throw new IllegalArgumentException(topic.name() + " is not published through the outbox");
        }
        tx.insertInto(OUTBOX)
                .set(OUTBOX.TOPIC, topic.name())
                .set(OUTBOX.RECORD_KEY, key)
                .set(OUTBOX.PAYLOAD, value == null ? null : json(value))
                .execute();
    }

    /** Call after the transaction that appended events committed. */
    public void committed() {
        wakeRelay.run();
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
