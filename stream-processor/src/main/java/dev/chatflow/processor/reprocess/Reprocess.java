package dev.chatflow.processor.reprocess;

import dev.chatflow.schemas.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.tools.StreamsResetter;

/**
 * Resets the processor's Kafka Streams application so that its next start re-derives {@code chat.messages}
 * from the start of {@code chat.messages.raw}: the application's input offsets go to the start, its
 * internal topics (changelogs, repartition topics) are deleted, and its local state is cleared. This is
 * Kafka's application reset (done by Kafka's own {@link StreamsResetter}) plus {@code KafkaStreams#cleanUp}.
 * Since nothing that decides a seq reads a clock, the numbering comes out the same.
 *
 * <p>It refuses while the application is active (its consumer group has members): a running instance
 * would keep its state and commit over the reset.
 */
public final class Reprocess {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Clears the application's local state, as {@code KafkaStreams#cleanUp} does. */
    public interface LocalState {
        /** The application's directory under the state directory. */
        Path directory();

        void clear();
    }

    private final Admin admin;
    private final String bootstrapServers;
    private final String applicationId;
    private final LocalState localState;
    private final PrintWriter out;

    public Reprocess(Admin admin, String bootstrapServers, String applicationId, LocalState localState, PrintWriter out) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.applicationId = applicationId;
        this.localState = localState;
        this.out = out;
    }

    /** The application's state as found, and what a reset changes. */
    record Plan(List<MemberDescription> members, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> starts,
                Map<TopicPartition, Long> ends, List<String> internalTopics, List<Path> stateFiles) {

        boolean active() {
            return !members.isEmpty();
        }

        /** Partitions whose oldest record is not the first ever written: retention has removed some. */
        List<TopicPartition> truncated() {
            return starts.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).sorted(
                    (a, b) -> Integer.compare(a.partition(), b.partition())).toList();
        }
    }

    /** A reset that was refused or failed; the message says why and what was (not) changed. */
    public static final class ReprocessException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ReprocessException(String message) {
            super(message);
        }
    }

    /**
     * Prints the plan; unless {@code dryRun}, resets. Throws when the application is active, and when
     * retention has trimmed the input unless {@code allowRenumbering}.
     */
    public void run(boolean dryRun, boolean allowRenumbering) {
        Plan plan = plan();
        printPlan(plan);
        refuseUnsafe(plan, applicationId, allowRenumbering);
        if (dryRun) {
            out.println("dry run: nothing was changed");
            out.flush();
            return;
        }
        // local state first: if the reset below fails, the intact changelogs restore it on the next start
        out.println("clearing the local state ...");
        out.flush();
        localState.clear();
        out.println("resetting the application with Kafka's StreamsResetter ...");
        out.flush();
        int exit = new StreamsResetter().execute(new String[]{"--bootstrap-server", bootstrapServers,
                "--application-id", applicationId, "--input-topics", Topics.RAW_MESSAGES.name(), "--to-earliest"});
        if (exit != 0) {
            throw new ReprocessException("the StreamsResetter failed (exit code " + exit + ", its output is above): "
                    + "the local state was cleared, the input offsets and internal topics may be unchanged; "
                    + "run reprocess again");
        }
        out.println("reset done: start the stream processor to re-derive chat.messages from chat.messages.raw");
        out.flush();
    }

    Plan plan() {
        List<TopicPartition> raw = rawPartitions();
        Map<TopicPartition, Long> committed = committedOffsets();
        Map<TopicPartition, Long> starts = offsets(raw, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = offsets(raw, OffsetSpec.latest());
        List<String> internal = get(admin.listTopics().names()).stream()
                .filter(t -> t.startsWith(applicationId + "-") && StreamsResetter.matchesInternalTopicFormat(t))
                .sorted().toList();
        return new Plan(members(), committed, starts, ends, internal, stateFiles());
    }

    private List<MemberDescription> members() {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId))
                    .describedGroups().get(applicationId).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return List.copyOf(group.members());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return List.of();
            }
            throw new IllegalStateException("cannot describe the consumer group " + applicationId + ": " + e.getCause(), e);
        } catch (InterruptedException | TimeoutException e) {
            throw interrupted(e);
        }
    }

    private List<TopicPartition> rawPartitions() {
        try {
            return admin.describeTopics(List.of(Topics.RAW_MESSAGES.name())).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(Topics.RAW_MESSAGES.name()).partitions().stream()
                    .map(p -> new TopicPartition(Topics.RAW_MESSAGES.name(), p.partition())).toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new ReprocessException("topic " + Topics.RAW_MESSAGES.name() + " does not exist: nothing to reprocess");
            }
            throw new IllegalStateException("cannot describe " + Topics.RAW_MESSAGES.name() + ": " + e.getCause(), e);
        } catch (InterruptedException | TimeoutException e) {
            throw interrupted(e);
        }
    }

    private Map<TopicPartition, Long> committedOffsets() {
        Map<TopicPartition, OffsetAndMetadata> all = get(admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata());
        return all.entrySet().stream().filter(e -> e.getKey().topic().equals(Topics.RAW_MESSAGES.name())
                        && e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, ListOffsetsResultInfo> found = get(admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(Function.identity(), tp -> spec))).all());
        return found.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private List<Path> stateFiles() {
        Path dir = localState.directory();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the state directory " + dir, e);
        }
    }

    private void printPlan(Plan plan) {
        out.printf("reprocess of the Kafka Streams application '%s' (Kafka at %s)%n", applicationId, bootstrapServers);
        out.println(plan.active()
                ? "  ACTIVE: its consumer group has " + plan.members().size() + " member(s)"
                : "  not running: its consumer group has no members");
        out.printf("  input offsets of %s go back to the start:%n", Topics.RAW_MESSAGES.name());
        List<TopicPartition> raw = new ArrayList<>(plan.starts().keySet());
        raw.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        for (TopicPartition tp : raw) {
            Long committed = plan.committed().get(tp);
            out.printf(Locale.ROOT, "    partition %d: %s -> %,d (%,d records to process again)%n", tp.partition(),
                    committed == null ? "nothing committed" : String.format(Locale.ROOT, "committed %,d", committed),
                    plan.starts().get(tp), plan.ends().get(tp) - plan.starts().get(tp));
        }
        out.println("  internal topics to delete: " + (plan.internalTopics().isEmpty() ? "none"
                : String.join(", ", plan.internalTopics())));
        out.println("  local state to clear: " + localState.directory() + " (" + (plan.stateFiles().isEmpty()
                ? "empty or absent" : plan.stateFiles().size() + " files, " + bytes(plan.stateFiles())) + ")");
        if (!plan.truncated().isEmpty()) {
            out.println("  WARNING: retention has already removed the oldest records of " + plan.truncated().stream()
                    .map(tp -> "partition " + tp.partition()).collect(Collectors.joining(", ")) + " of "
                    + Topics.RAW_MESSAGES.name() + ": their channels' messages get numbered from their oldest "
                    + "retained record on, NOT with the seqs they had (the history's rows would be overwritten); "
                    + "reprocess refuses this without --allow-renumbering");
        }
        out.println("  then the next start writes every retained message to chat.messages again, with the same seqs;");
        out.println("  the sink re-writes the same rows and the delivery gateways drop seqs they have already sent");
        out.flush();
    }

    /** Throws when resetting now would break the application's output; the message says why and how to proceed. */
    static void refuseUnsafe(Plan plan, String applicationId, boolean allowRenumbering) {
        if (plan.active()) {
            throw new ReprocessException("refusing to reprocess: the Kafka Streams application '" + applicationId
                    + "' is active, its consumer group has " + plan.members().size() + " member(s) ("
                    + plan.members().stream().map(m -> m.clientId() + " on " + m.host()).collect(Collectors.joining(", "))
                    + "). Stop every stream processor first, then run reprocess again (an instance that was killed "
                    + "rather than stopped stays a member until its session times out, 45 s by default). "
                    + "Nothing was changed.");
        }
        if (!plan.truncated().isEmpty() && !allowRenumbering) {
            throw new ReprocessException("refusing to reprocess: retention has removed the oldest records of "
                    + plan.truncated().size() + " partition(s) of " + Topics.RAW_MESSAGES.name() + ", so their channels "
                    + "would be numbered again from their oldest retained message — different seqs than clients and "
                    + "the history know, and history rows overwritten with other messages. To rebuild the history "
                    + "use replay instead; pass --allow-renumbering only if renumbering is what you want. "
                    + "Nothing was changed.");
        }
    }

    private static String bytes(List<Path> files) {
        long total = 0;
        for (Path f : files) {
            try {
                total += Files.size(f);
            } catch (IOException e) {
                // a file that went away while counting: it counts nothing
            }
        }
        return String.format(Locale.ROOT, "%,d bytes", total);
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka request failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw interrupted(e);
        }
    }

    private static IllegalStateException interrupted(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new IllegalStateException("Kafka did not answer within " + TIMEOUT.toSeconds() + " s: " + e, e);
    }
}
