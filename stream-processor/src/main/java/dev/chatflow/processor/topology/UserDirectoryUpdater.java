package dev.chatflow.processor.topology;

import dev.chatflow.schemas.events.UserProfile;
import dev.chatflow.schemas.events.UserRef;
import dev.chatflow.schemas.serde.EventDecodingException;
import dev.chatflow.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global {@link UserDirectory} store up to date from {@code chat.users} (key user id, value a
 * profile, tombstone when a user is gone). Kafka Streams runs it for live records and again when it
 * rebuilds the store from the topic, so both paths index the same way. A value that is not a profile is
 * logged and skipped: a profile is an enrichment, never a reason to stop.
 */
final class UserDirectoryUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(UserDirectoryUpdater.class);

    private final String storeName;
    private final Deserializer<UserProfile> deserializer = Topics.USERS.valueSerde().deserializer();
    private KeyValueStore<String, UserRef> store;

    UserDirectoryUpdater(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            log.warn("skipping a {} record without key", Topics.USERS.name());
            return;
        }
        if (record.value() == null) {
            UserDirectory.remove(store, record.key());
            return;
        }
        UserProfile profile;
        try {
            profile = deserializer.deserialize(Topics.USERS.name(), record.headers(), record.value());
        } catch (EventDecodingException e) {
            log.warn("skipping the {} record of user {}: {} ({})", Topics.USERS.name(), record.key(),
                    e.reason().code(), e.detail());
            return;
        }
        UserDirectory.put(store, profile.ref());
    }
}
