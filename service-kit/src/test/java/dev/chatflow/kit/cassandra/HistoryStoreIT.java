package dev.chatflow.kit.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.chatflow.kit.config.CommonSettings;
import dev.chatflow.kit.config.Config;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.junit.LocalStackExtension;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.events.ReplyPreview;
import dev.chatflow.schemas.events.UserRef;
import dev.chatflow.schemas.history.MessageHistory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class HistoryStoreIT {

    private static final String KEYSPACE = "chatflow_history_it";
    private static final UserRef ALICE = new UserRef("u-alice", "alice");
    private static final UserRef BOB = new UserRef("u-bob", "bob");
    private static CqlSession session;
    private static HistoryStore store;

    @BeforeAll
    static void connect(LocalStack stack) {
        Config config = Config.of(CommonSettings.cassandra(), Map.of(
                CommonSettings.CASSANDRA_CONTACT_POINTS.key(), "127.0.0.1:" + stack.cassandraContactPoint().getPort()));
        session = CqlSessions.connect(config, "it");
        CqlSchema.apply(session, KEYSPACE, "{'class': 'SimpleStrategy', 'replication_factor': 1}");
        store = new HistoryStore(session, KEYSPACE);
    }

    @AfterAll
    static void disconnect() {
        session.close();
    }

    private static ProcessedMessage message(String channel, long seq) {
        Instant t = Instant.parse("2026-12-03T12:00:00Z").plus(seq, ChronoUnit.MILLIS);
        boolean reply = seq % 3 == 0;
        return ProcessedMessage.of(channel, seq, "m-" + seq, "c-" + seq, ALICE, "text " + seq,
                seq % 2 == 0 ? List.of(BOB) : List.of(), reply ? seq - 1 : null,
                reply ? new ReplyPreview(seq - 1, ALICE, "text " + (seq - 1)) : null, t, t.plusMillis(3));
    }

    @Test
    void writtenMessagesReadBackEqual() {
        String channel = UUID.randomUUID().toString();
        List<ProcessedMessage> written = LongStream.rangeClosed(1, 6).mapToObj(s -> message(channel, s)).toList();
        store.writeAll(written).toCompletableFuture().join();
        assertThat(store.after(channel, 0, 10)).containsExactlyElementsOf(written);
        assertThat(store.lastSeq(channel)).hasValue(6);
    }

    @Test
    void writingTwiceLeavesOneRowPerSeqAndNoNulls() {
        String channel = UUID.randomUUID().toString();
        ProcessedMessage m = message(channel, 1); // no mentions, no reply
        store.write(m).toCompletableFuture().join();
        store.write(m).toCompletableFuture().join();
        List<Row> rows = session.execute("SELECT * FROM " + KEYSPACE + ".messages WHERE channel_id = '" + channel
                + "' AND bucket = 0").all();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).isNull("reply_to")).isTrue(); // unset reads as null; no tombstone was written
        assertThat(store.after(channel, 0, 10)).containsExactly(m);
    }

    @Test
    void pagingCrossesBucketsWithoutGapsOrRepeats() {
        String channel = UUID.randomUUID().toString();
        long last = MessageHistory.BUCKET_SIZE + 5; // two buckets
        List<Long> seqs = LongStream.concat(LongStream.rangeClosed(MessageHistory.BUCKET_SIZE - 4, MessageHistory.BUCKET_SIZE),
                LongStream.rangeClosed(MessageHistory.BUCKET_SIZE + 1, last)).boxed().toList();
        store.writeAll(seqs.stream().map(s -> message(channel, s)).toList()).toCompletableFuture().join();

        List<Long> backwards = new ArrayList<>();
        long cursor = Long.MAX_VALUE;
        for (int page = 0; page < 10; page++) {
            List<ProcessedMessage> got = store.before(channel, cursor, 3);
            if (got.isEmpty()) {
                break;
            }
            got.forEach(m -> backwards.add(m.seq()));
            cursor = got.get(got.size() - 1).seq();
        }
        List<Long> newestFirst = new ArrayList<>(seqs);
        java.util.Collections.reverse(newestFirst);
        assertThat(backwards).containsExactlyElementsOf(newestFirst);

        List<Long> forwards = store.after(channel, MessageHistory.BUCKET_SIZE - 2, 100).stream().map(ProcessedMessage::seq).toList();
        assertThat(forwards).containsExactlyElementsOf(seqs.subList(3, seqs.size()));
    }

    @Test
    void unknownChannelHasNoHistory() {
        assertThat(store.before("nobody", Long.MAX_VALUE, 10)).isEmpty();
        assertThat(store.lastSeq("nobody")).isEmpty();
    }
}
