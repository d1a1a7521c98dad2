package dev.chatflow.processor.topology;

import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.events.Rejection;
import dev.chatflow.schemas.events.ReplyPreview;
import dev.chatflow.schemas.events.UserRef;
import dev.chatflow.schemas.topics.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The stream processor's topology, per channel:
 *
 * <pre>
 *  chat.messages.raw (bytes) ─▶ validate ─▶ dedupe-and-sequence ─▶ enrich ─▶ chat.messages
 *                                  │               │                  ▲
 *                                  └──rejections───┴─▶ chat.messages.rejected
 *  chat.users ─▶ (global store "users": by id and by lower-case username) ───┘
 * </pre>
 *
 * The raw topic is read as bytes, so no record can fail before {@link ValidateProcessor} judges it.
 * It is keyed by channel id, so every channel's records meet one task and its stores: the seq counter
 * ({@value #SEQ_STORE}), the remembered (channel, sender, clientMsgId) keys ({@value #DEDUPE_STORE}, a
 * window store whose segments expire with record time after the de-duplication window) and the reply
 * previews ({@value #PREVIEW_STORE}, the latest N per channel).
 */
public final class ChatTopology {

    public static final String SEQ_STORE = "channel-seqs";
    public static final String DEDUPE_STORE = "dedupe";
    public static final String PREVIEW_STORE = "reply-previews";
    public static final String USERS_STORE = "users";

    private ChatTopology() {
    }

    /** Builds the topology; a pure function of {@code config}. */
    public static Topology build(TopologyConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        // the counters are cached: RocksDB and the changelog see a channel's latest seq once per commit,
        // not once per message; the other stores write each key once, where a cache saves nothing
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SEQ_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(DEDUPE_STORE, config.dedupeWindow(), config.dedupeWindow(), false),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PREVIEW_STORE),
                Serdes.String(), StoreSerde.json(ReplyPreview.class)));
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(USERS_STORE),
                        Serdes.String(), StoreSerde.json(UserRef.class)).withLoggingDisabled(),
                Topics.USERS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("users-source"),
                () -> new UserDirectoryUpdater(USERS_STORE));

        KStream<String, byte[]> raw = builder.stream(Topics.RAW_MESSAGES.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("raw-source"));

        Map<String, KStream<String, Verdict<Candidate>>> validated = raw
                .process(() -> new ValidateProcessor(config.maxTextLength()), Named.as("validate"))
                .split(Named.as("validated-"))
                .branch((key, verdict) -> verdict.rejected(), Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));

        Map<String, KStream<String, Verdict<Sequenced>>> sequenced = validated.get("validated-accepted")
                .mapValues(Verdict::value, Named.as("candidate"))
                .process(() -> new SequenceProcessor(DEDUPE_STORE, SEQ_STORE, config.dedupeWindow(), config.listener()),
                        Named.as("dedupe-and-sequence"), DEDUPE_STORE, SEQ_STORE)
                .split(Named.as("sequenced-"))
                .branch((key, verdict) -> verdict.rejected(), Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));

        sequenced.get("sequenced-accepted")
                .mapValues(Verdict::value, Named.as("numbered"))
                .process(() -> new EnrichProcessor(USERS_STORE, PREVIEW_STORE, config.replyPreviewsPerChannel(),
                        config.listener()), Named.as("enrich"), PREVIEW_STORE)
                .to(Topics.MESSAGES.name(), Produced.with(Serdes.String(), Topics.MESSAGES.valueSerde())
                        .withName("messages-sink"));

        KStream<String, Rejection> invalid = validated.get("validated-rejected")
                .mapValues(Verdict::rejection, Named.as("invalid"));
        KStream<String, Rejection> unanswerable = sequenced.get("sequenced-rejected")
                .mapValues(Verdict::rejection, Named.as("invalid-reply"));
        invalid.merge(unanswerable, Named.as("rejections"))
                .peek((key, rejection) -> config.listener().rejected(rejection.reason()), Named.as("count-rejections"))
                .to(Topics.REJECTED_MESSAGES.name(), Produced.with(Serdes.String(),
                        Topics.REJECTED_MESSAGES.valueSerde()).withName("rejected-sink"));
        return builder.build();
    }
}
