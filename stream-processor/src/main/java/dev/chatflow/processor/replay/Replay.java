package dev.chatflow.processor.replay;

import dev.chatflow.processor.sink.HistoryWriter;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.serde.EventDecodingException;
import dev.chatflow.schemas.topics.Topics;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Re-persists {@code chat.messages} into the Cassandra history from a point in time. For each partition it
 * reads from the first record at or after {@code from} ({@code offsetsForTimes}) up to the end offsets
 * taken when it starts, so a replay ends even while the processor keeps writing; with {@code to}, a
 * partition ends earlier, at its first message at or after {@code to}. (That end is found while reading,
 * not with {@code offsetsForTimes}: the processor's transaction markers carry the time of their commit,
 * later than the messages before them, so a marker can come first in that lookup and cut off messages
 * that are older than {@code to}.) It reads read_committed (only what the topology committed) on an assigned
 * consumer without a group, so the sink's consumer group is neither joined nor moved, and writes each
 * poll's messages through the sink's {@link HistoryWriter}. Writes are upserts keyed by seq: replaying
 * again, or over what the sink already wrote, leaves one row per message.
 *
 * <p>Without a writer (a dry run) it reads and counts the same records and writes nothing.
 */
public final class Replay {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);
    /** A replay whose positions do not move for this long has lost Kafka. */
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(2);

    private final Consumer<String, byte[]> consumer;
    private final Optional<HistoryWriter> writer;
    private final PrintWriter out;
    private final Deserializer<ProcessedMessage> deserializer = Topics.MESSAGES.valueSerde().deserializer();

    /**
     * @param consumer a consumer made with {@link #consumerProps}; the replay assigns and seeks it
     * @param writer   where messages go; empty for a dry run
     * @param out      where the plan, the progress and the summary are printed
     */
    public Replay(Consumer<String, byte[]> consumer, Optional<HistoryWriter> writer, PrintWriter out) {
        this.consumer = consumer;
        this.writer = writer;
        this.out = out;
    }

    /** What to replay: records from {@code from} (inclusive) to {@code to} (exclusive), of one channel or all. */
    public record Request(Instant from, Optional<Instant> to, Optional<String> channel) {
    }

    /** The offsets of one partition to read, {@code [start, end)}: messages and transaction markers. */
    record Range(TopicPartition partition, long start, long end) {
        long offsets() {
            return Math.max(0, end - start);
        }
    }

    /**
     * What a replay did.
     *
     * @param records       records read from {@code chat.messages}
     * @param messages      messages written (or, in a dry run, that would have been)
     * @param otherChannels records skipped because they belong to another channel than the one asked for
     * @param unreadable    records that are not a processed message (skipped, as the sink skips them)
     */
    public record Summary(long records, long messages, long otherChannels, long unreadable, Duration took) {
    }

    /** A replay that could not finish; what it wrote stays written, and running it again is harmless. */
    public static final class ReplayFailedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ReplayFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Consumer settings: read_committed, no group, no commits, no topic created. */
    public static Properties consumerProps(Properties clientProps, int maxPollRecords) {
        Properties props = new Properties();
        props.putAll(clientProps);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a start offset that retention removed meanwhile: go on from the oldest record still there
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        // a missing chat.messages is an error to report, never a topic to create with the broker's defaults
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return props;
    }

    /** Prints the plan, replays, prints progress and a summary. */
    public Summary run(Request request) {
        List<Range> ranges = plan(request);
        printPlan(request, ranges);
        List<Range> work = ranges.stream().filter(r -> r.offsets() > 0).toList();
        if (work.isEmpty()) {
            out.println("nothing to replay: no record of chat.messages in that time");
            out.flush();
            return new Summary(0, 0, 0, 0, Duration.ZERO);
        }
        Summary summary = replay(request, work);
        printSummary(summary);
        return summary;
    }

    /** Per partition, the offsets to read at most; empty ranges where nothing was written since {@code from}. */
    List<Range> plan(Request request) {
        List<TopicPartition> partitions = partitions(request.channel());
        consumer.assign(partitions); // read_committed end offsets (the last stable ones) are tracked for assigned partitions
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(at(partitions, request.from()));
        List<Range> ranges = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            long end = ends.get(tp);
            OffsetAndTimestamp start = starts.get(tp);
            ranges.add(new Range(tp, start == null ? end : Math.min(start.offset(), end), end));
        }
        return ranges;
    }

    /**
     * The partitions to read. A channel's messages are all in the partition its id hashes to (the
     * processor writes them keyed by channel id with Kafka's default partitioning), so a replay of one
     * channel reads that partition only.
     */
    private List<TopicPartition> partitions(Optional<String> channel) {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.MESSAGES.name());
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + Topics.MESSAGES.name() + " does not exist: nothing to replay");
        }
        int count = infos.size();
        List<TopicPartition> all = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition())).toList();
        return channel.map(id -> List.of(new TopicPartition(Topics.MESSAGES.name(), partitionOf(id, count))))
                .orElse(all);
    }

    /** The partition Kafka's default partitioner gives a record keyed {@code channelId}. */
    static int partitionOf(String channelId, int partitions) {
        return Utils.toPositive(Utils.murmur2(channelId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static Map<TopicPartition, Long> at(List<TopicPartition> partitions, Instant time) {
        Map<TopicPartition, Long> query = new LinkedHashMap<>();
        partitions.forEach(tp -> query.put(tp, time.toEpochMilli()));
        return query;
    }

    private Summary replay(Request request, List<Range> work) {
        Map<TopicPartition, Range> open = new LinkedHashMap<>();
        work.forEach(r -> open.put(r.partition(), r));
        consumer.assign(open.keySet());
        work.forEach(r -> consumer.seek(r.partition(), r.start()));

        long started = System.nanoTime();
        long lastProgress = started;
        long lastMove = started;
        long records = 0;
        long messages = 0;
        long otherChannels = 0;
        long unreadable = 0;
        while (!open.isEmpty()) {
            ConsumerRecords<String, byte[]> polled = consumer.poll(POLL_TIMEOUT);
            List<ProcessedMessage> batch = new ArrayList<>(polled.count());
            for (TopicPartition tp : polled.partitions()) {
                Range range = open.get(tp);
                for (ConsumerRecord<String, byte[]> r : polled.records(tp)) {
                    if (range == null || r.offset() >= range.end()) {
                        break;
                    }
                    if (request.to().isPresent() && r.timestamp() >= request.to().get().toEpochMilli()) {
                        open.remove(tp);
                        consumer.pause(List.of(tp));
                        break;
                    }
                    records++;
                    if (request.channel().isPresent() && !request.channel().get().equals(r.key())) {
                        otherChannels++;
                        continue;
                    }
                    Optional<ProcessedMessage> message = decode(r);
                    if (message.isEmpty()) {
                        unreadable++;
                        continue;
                    }
                    batch.add(message.get());
                }
            }
            write(batch, open);
            messages += batch.size();

            long now = System.nanoTime();
            if (closeFinished(open) || !polled.isEmpty()) {
                lastMove = now;
            } else if (now - lastMove > STALL_TIMEOUT.toNanos()) {
                throw new ReplayFailedException("no progress for " + STALL_TIMEOUT.toSeconds() + " s (is Kafka "
                        + "reachable?) with " + left(open) + " offsets left at " + positions(open)
                        + "; running the same replay again is harmless", null);
            }
            if (now - lastProgress >= PROGRESS_INTERVAL.toNanos() && !open.isEmpty()) {
                lastProgress = now;
                out.printf(Locale.ROOT, "  %,d records read, %,d messages %s, %,.0f records/s, %,d offsets left%n",
                        records, messages, writer.isPresent() ? "written" : "to write",
                        records / seconds(now - started), left(open));
                out.flush();
            }
        }
        consumer.unsubscribe();
        return new Summary(records, messages, otherChannels, unreadable, Duration.ofNanos(System.nanoTime() - started));
    }

    private Optional<ProcessedMessage> decode(ConsumerRecord<String, byte[]> r) {
        try {
            return Optional.ofNullable(deserializer.deserialize(r.topic(), r.headers(), r.value()));
        } catch (EventDecodingException e) {
            out.printf("  skipping %s-%d@%d: not a processed message (%s: %s)%n", r.topic(), r.partition(), r.offset(),
                    e.reason().code(), e.detail());
            return Optional.empty();
        }
    }

    private void write(List<ProcessedMessage> batch, Map<TopicPartition, Range> open) {
        if (writer.isEmpty() || batch.isEmpty()) {
            return;
        }
        try {
            writer.get().write(batch);
        } catch (HistoryWriter.WriteFailedException e) {
            throw new ReplayFailedException("writing to Cassandra failed (" + e.getMessage() + ") with about "
                    + left(open) + " offsets left; what was written stays, and running the same replay again is "
                    + "harmless", e);
        }
    }

    /** Drops the partitions read up to their end; true when any was. */
    private boolean closeFinished(Map<TopicPartition, Range> open) {
        List<TopicPartition> done = open.values().stream()
                .filter(r -> consumer.position(r.partition()) >= r.end()).map(Range::partition).toList();
        done.forEach(open::remove);
        if (!done.isEmpty()) {
            consumer.pause(done);
        }
        return !done.isEmpty();
    }

    private long left(Map<TopicPartition, Range> open) {
        return open.values().stream().mapToLong(r -> Math.max(0, r.end() - consumer.position(r.partition()))).sum();
    }

    private String positions(Map<TopicPartition, Range> open) {
        return open.values().stream().map(r -> "partition " + r.partition().partition() + " offset "
                + consumer.position(r.partition())).collect(Collectors.joining(", "));
    }

    private void printPlan(Request request, List<Range> ranges) {
        out.printf("%s chat.messages into the Cassandra history%n", writer.isPresent() ? "replaying"
                : "dry run (reads and counts, writes nothing): replaying");
        out.printf("  from %s (inclusive) to %s%n", request.from(), request.to()
                .map(to -> to + " (exclusive: each partition stops at its first message at or after it)")
                .orElse("the end offsets as of now"));
        out.printf("  channel: %s%n", request.channel().map(id -> id + " (partition "
                + ranges.get(0).partition().partition() + ")").orElse("all"));
        for (Range r : ranges) {
            if (r.offsets() == 0) {
                out.printf("  partition %d: nothing in that time%n", r.partition().partition());
            } else {
                out.printf(Locale.ROOT, "  partition %d: offsets %,d to %,d%n", r.partition().partition(),
                        r.start(), r.end() - 1);
            }
        }
        out.printf(Locale.ROOT, "  %s%,d offsets to read (messages, and the markers of the processor's transactions)%n",
                request.to().isPresent() ? "at most " : "",
                ranges.stream().mapToLong(Range::offsets).sum());
        out.flush();
    }

    private void printSummary(Summary s) {
        double rate = s.records() / seconds(s.took().toNanos());
        String skipped = (s.otherChannels() > 0 ? String.format(Locale.ROOT, ", %,d of other channels skipped",
                s.otherChannels()) : "") + (s.unreadable() > 0 ? String.format(Locale.ROOT,
                ", %,d unreadable records skipped", s.unreadable()) : "");
        if (writer.isPresent()) {
            out.printf(Locale.ROOT, "replay done: %,d records read in %.1f s (%,.0f records/s), %,d messages written%s%n",
                    s.records(), s.took().toMillis() / 1000.0, rate, s.messages(), skipped);
        } else {
            out.printf(Locale.ROOT, "dry run done: %,d records read in %.1f s (%,.0f records/s), %,d messages would be "
                    + "written%s; nothing was written%n", s.records(), s.took().toMillis() / 1000.0, rate, s.messages(),
                    skipped);
        }
        out.flush();
    }

    private static double seconds(long nanos) {
        return Math.max(nanos, 1_000_000) / 1e9;
    }
}
