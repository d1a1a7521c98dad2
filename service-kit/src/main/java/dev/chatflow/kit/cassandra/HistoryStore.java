package dev.chatflow.kit.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import dev.chatflow.schemas.events.EventType;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.events.ReplyPreview;
import dev.chatflow.schemas.events.UserRef;
import dev.chatflow.schemas.history.MessageHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The message history in Cassandra, by the storage contract of {@link MessageHistory}: the stream
 * processor's sink writes through it, the delivery gateway reads through it. Writes are idempotent
 * upserts keyed by seq (a replay leaves one row per message), absent optional values are left unset
 * (no tombstones), and reads page across the seq buckets of a channel.
 */
public final class HistoryStore {

    private static final String COLUMNS = "channel_id, bucket, seq, message_id, client_msg_id, sender, text, "
            + "mentions, reply_to, reply_sender, reply_preview, sent_at, processed_at";

    private final CqlSession session;
    private final UserDefinedType userRef;
    private final PreparedStatement insertMessage;
    private final PreparedStatement insertBucket;
    private final PreparedStatement latestBucket;
    private final PreparedStatement selectBefore;
    private final PreparedStatement selectAfter;

    /** Prepares the statements; the schema must have been applied ({@link CqlSchema#apply}). */
    public HistoryStore(CqlSession session, String keyspace) {
        this.session = session;
        this.userRef = session.getMetadata().getKeyspace(keyspace)
                .flatMap(ks -> ks.getUserDefinedType(MessageHistory.USER_REF))
                .orElseThrow(() -> new IllegalStateException("type " + keyspace + "." + MessageHistory.USER_REF
                        + " is missing: apply the history schema first"));
        String messages = keyspace + "." + MessageHistory.MESSAGES;
        String buckets = keyspace + "." + MessageHistory.CHANNEL_BUCKETS;
        this.insertMessage = session.prepare("INSERT INTO " + messages + " (" + COLUMNS + ") VALUES ("
                + ":channel_id, :bucket, :seq, :message_id, :client_msg_id, :sender, :text, :mentions, :reply_to, "
                + ":reply_sender, :reply_preview, :sent_at, :processed_at)");
        this.insertBucket = session.prepare("INSERT INTO " + buckets + " (channel_id, bucket) VALUES (?, ?)");
        this.latestBucket = session.prepare("SELECT bucket FROM " + buckets + " WHERE channel_id = ? LIMIT 1");
        this.selectBefore = session.prepare("SELECT " + COLUMNS + " FROM " + messages
                + " WHERE channel_id = ? AND bucket = ? AND seq < ? LIMIT ?");
        this.selectAfter = session.prepare("SELECT " + COLUMNS + " FROM " + messages
                + " WHERE channel_id = ? AND bucket = ? AND seq > ? ORDER BY seq ASC LIMIT ?");
    }

    /** Writes one message (and its bucket marker). */
    public CompletionStage<Void> write(ProcessedMessage message) {
        return writeAll(List.of(message));
    }

    /**
     * Writes messages as one unlogged batch per partition (all rows of a batch share channel and bucket,
     * so the coordinator applies each batch on one replica set), all batches in flight at once. The stage
     * completes when every row is written, or fails with the first error.
     */
    public CompletionStage<Void> writeAll(List<ProcessedMessage> batch) {
        Map<String, BatchStatementBuilder> byPartition = new LinkedHashMap<>();
        Map<String, BoundStatement> bucketMarkers = new LinkedHashMap<>();
        for (ProcessedMessage m : batch) {
            long bucket = MessageHistory.bucket(m.seq());
            String partition = m.channelId() + "/" + bucket;
            byPartition.computeIfAbsent(partition, p -> BatchStatement.builder(BatchType.UNLOGGED)).addStatement(bind(m, bucket));
            bucketMarkers.computeIfAbsent(partition, p -> insertBucket.bind(m.channelId(), bucket));
        }
        List<CompletableFuture<AsyncResultSet>> writes = new ArrayList<>();
        byPartition.values().forEach(b -> writes.add(session.executeAsync(b.build()).toCompletableFuture()));
        bucketMarkers.values().forEach(s -> writes.add(session.executeAsync(s).toCompletableFuture()));
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    /** Up to {@code limit} messages with seq below {@code beforeSeq}, newest first. */
    public List<ProcessedMessage> before(String channelId, long beforeSeq, int limit) {
        OptionalLong latest = latestBucket(channelId);
        List<ProcessedMessage> result = new ArrayList<>(limit);
        if (latest.isEmpty() || beforeSeq <= 1) {
            return result;
        }
        long bucket = Math.min(MessageHistory.bucket(beforeSeq - 1), latest.getAsLong());
        for (; bucket >= 0 && result.size() < limit; bucket--) {
            for (Row row : session.execute(selectBefore.bind(channelId, bucket, beforeSeq, limit - result.size()))) {
                result.add(toMessage(row));
            }
        }
        return result;
    }

    /** Up to {@code limit} messages with seq above {@code afterSeq}, oldest first. */
    public List<ProcessedMessage> after(String channelId, long afterSeq, int limit) {
        OptionalLong latest = latestBucket(channelId);
        List<ProcessedMessage> result = new ArrayList<>(limit);
        if (latest.isEmpty()) {
            return result;
        }
        for (long bucket = MessageHistory.bucket(Math.max(afterSeq, 0) + 1);
             bucket <= latest.getAsLong() && result.size() < limit; bucket++) {
            for (Row row : session.execute(selectAfter.bind(channelId, bucket, afterSeq, limit - result.size()))) {
                result.add(toMessage(row));
            }
        }
        return result;
    }

    /** The highest stored seq of a channel, if it has any message. */
    public OptionalLong lastSeq(String channelId) {
        List<ProcessedMessage> newest = before(channelId, Long.MAX_VALUE, 1);
        return newest.isEmpty() ? OptionalLong.empty() : OptionalLong.of(newest.get(0).seq());
    }

    private OptionalLong latestBucket(String channelId) {
        Row row = session.execute(latestBucket.bind(channelId)).one();
        return row == null ? OptionalLong.empty() : OptionalLong.of(row.getLong("bucket"));
    }

    private BoundStatement bind(ProcessedMessage m, long bucket) {
        BoundStatementBuilder b = insertMessage.boundStatementBuilder()
                .setString("channel_id", m.channelId())
                .setLong("bucket", bucket)
                .setLong("seq", m.seq())
                .setString("message_id", m.messageId())
                .setString("client_msg_id", m.clientMsgId())
                .setUdtValue("sender", udt(m.sender()))
                .setString("text", m.text())
                .setInstant("sent_at", m.sentAt())
                .setInstant("processed_at", m.processedAt());
        // optional values are bound only when present: unset, not null, so no tombstones
        if (!m.mentions().isEmpty()) {
            b.setList("mentions", m.mentions().stream().map(this::udt).toList(), UdtValue.class);
        }
        if (m.replyTo() != null) {
            b.setLong("reply_to", m.replyTo());
        }
        if (m.reply() != null) {
            b.setUdtValue("reply_sender", udt(m.reply().sender()));
            b.setString("reply_preview", m.reply().preview());
        }
        return b.build();
    }

    private UdtValue udt(UserRef user) {
        return userRef.newValue(user.id(), user.username());
    }

    private static UserRef user(UdtValue value) {
        return value == null ? null : new UserRef(value.getString("id"), value.getString("username"));
    }

    private static ProcessedMessage toMessage(Row row) {
        List<UdtValue> mentions = row.getList("mentions", UdtValue.class);
        Long replyTo = row.isNull("reply_to") ? null : row.getLong("reply_to");
        UdtValue replySender = row.getUdtValue("reply_sender");
        ReplyPreview reply = replyTo != null && replySender != null
                ? new ReplyPreview(replyTo, user(replySender), row.getString("reply_preview")) : null;
        return new ProcessedMessage(EventType.PROCESSED_MESSAGE.currentVersion(), row.getString("channel_id"),
                row.getLong("seq"), row.getString("message_id"), row.getString("client_msg_id"),
                user(row.getUdtValue("sender")), row.getString("text"),
                mentions == null ? List.of() : mentions.stream().map(HistoryStore::user).toList(),
                replyTo, reply, row.getInstant("sent_at"), row.getInstant("processed_at"));
    }
}
