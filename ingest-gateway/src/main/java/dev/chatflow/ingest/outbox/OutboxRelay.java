package dev.chatflow.ingest.outbox;

import dev.chatflow.ingest.publishing.EventPublisher;
import dev.chatflow.schemas.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.chatflow.ingest.db.tables.records.OutboxRecord;

import static dev.chatflow.ingest.db.Tables.OUTBOX;

/**
 * Publishes the outbox, oldest row first, and deletes each row once Kafka acknowledged it. One
 * transaction per batch holds a PostgreSQL advisory lock, so with several gateways only one relays at a
 * time and the order of the rows is the order on the topics. A batch that fails stays in the outbox and
 * is tried again; records that made it the first time are then written twice, which compacted topics
 * keyed by entity absorb (the latest value per key wins, and the order is kept).
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Advisory lock key of the relay ("chatflow outbox"). */
    private static final long LOCK_KEY = 0x6368_6174_6f75_74L;
    private static final int BATCH = 500;

    private final DSLContext dsl;
    private final EventPublisher publisher;
    private final Duration pollInterval;
    private final Duration sendTimeout;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;
    private boolean failing;

    public OutboxRelay(DSLContext dsl, EventPublisher publisher, Duration pollInterval, Duration sendTimeout) {
        this.dsl = dsl;
        this.publisher = publisher;
        this.pollInterval = pollInterval;
        this.sendTimeout = sendTimeout;
        this.thread = new Thread(this::run, "outbox-relay");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Something was committed: relay it now rather than at the next poll. */
    public void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** Rows not yet published (for the metrics). */
    public int backlog() {
        return dsl.fetchCount(OUTBOX);
    }

    /**
     * Publishes one batch.
     *
     * @return how many rows were published, or -1 when another gateway holds the relay lock
     */
    public int relayBatch() throws Exception {
        return dsl.transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            Boolean locked = tx.select(DSL.field("pg_try_advisory_xact_lock({0})", Boolean.class, DSL.val(LOCK_KEY)))
                    .fetchOne(0, Boolean.class);
            if (!Boolean.TRUE.equals(locked)) {
                return -1;
            }
            Result<OutboxRecord> rows = tx.selectFrom(OUTBOX).orderBy(OUTBOX.ID).limit(BATCH).fetch();
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
            for (OutboxRecord row : rows) {
                acks.add(publish(row));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(sendTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            // by id, not by range: a transaction that committed later may hold a lower id
            tx.deleteFrom(OUTBOX).where(OUTBOX.ID.in(rows.getValues(OUTBOX.ID))).execute();
            return rows.size();
        });
    }

    private CompletableFuture<?> publish(OutboxRecord row) {
        Topic<String, ?> topic = Outbox.TOPICS.stream().filter(t -> t.name().equals(row.getTopic())).findFirst()
                .orElseThrow(() -> new IllegalStateException("outbox row " + row.getId() + " names unknown topic "
                        + row.getTopic()));
        return publish(topic, row);
    }

    private <V> CompletableFuture<?> publish(Topic<String, V> topic, OutboxRecord row) {
        // decoding through the topic's serde checks the event against the contracts once more
        V value = row.getPayload() == null ? null : topic.valueSerde().deserializer()
                .deserialize(topic.name(), row.getPayload().getBytes(StandardCharsets.UTF_8));
        return publisher.send(topic, row.getRecordKey(), value);
    }

    private void run() {
        while (running) {
            int published;
            try {
                published = relayBatch();
                if (failing) {
                    log.info("outbox relay publishes again");
                    failing = false;
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                if (!failing) {
                    log.warn("outbox relay cannot publish (will retry every {}): {}", pollInterval, rootMessage(e));
                    failing = true;
                }
                published = 0;
            }
            if (published < BATCH) {
                awaitWakeUp();
            }
        }
    }

    private void awaitWakeUp() {
        try {
            if (wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                wakeUps.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.toString();
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(sendTimeout.toMillis() + 2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
