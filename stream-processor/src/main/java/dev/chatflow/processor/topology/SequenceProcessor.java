package dev.chatflow.processor.topology;

import dev.chatflow.schemas.events.RawMessage;
import dev.chatflow.schemas.events.RejectionReason;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops re-sends and numbers the rest, per channel. A message is a re-send when its (channel, sender,
 * clientMsgId) was numbered within the de-duplication window, measured in record timestamps (never the
 * wall clock, so a reprocess decides the same way). A {@code replyTo} that names no earlier message of
 * the channel is rejected. Every other message gets the channel's next seq: 1, 2, 3, … without gaps.
 *
 * <p>Both stores are local to the task that owns the channel's partition (the raw topic is keyed by
 * channel id) and are changelogged, so under exactly-once the seq counter, the remembered keys and the
 * output records commit together.
 */
final class SequenceProcessor implements Processor<String, Candidate, String, Verdict<Sequenced>> {

    private static final Logger log = LoggerFactory.getLogger(SequenceProcessor.class);

    private final String dedupeStoreName;
    private final String seqStoreName;
    private final long windowMillis;
    private final TopologyListener listener;
    private ProcessorContext<String, Verdict<Sequenced>> context;
    private WindowStore<String, Long> seen;
    private KeyValueStore<String, Long> lastSeqs;

    SequenceProcessor(String dedupeStoreName, String seqStoreName, Duration window, TopologyListener listener) {
        this.dedupeStoreName = dedupeStoreName;
        this.seqStoreName = seqStoreName;
        this.windowMillis = window.toMillis();
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, Verdict<Sequenced>> context) {
        this.context = context;
        this.seen = context.getStateStore(dedupeStoreName);
        this.lastSeqs = context.getStateStore(seqStoreName);
    }

    @Override
    public void process(Record<String, Candidate> record) {
        RawMessage message = record.value().message();
        String dedupeKey = dedupeKey(message);
        long time = record.timestamp();
        Long earlier = firstSeen(dedupeKey, time);
        if (earlier != null) {
            log.debug("dropping re-send of clientMsgId {} by {} in channel {} (seq {})", message.clientMsgId(),
                    message.sender().id(), message.channelId(), earlier);
            listener.duplicate();
            return;
        }
        Long stored = lastSeqs.get(message.channelId());
        long last = stored == null ? 0 : stored;
        if (message.replyTo() != null && message.replyTo() > last) {
            String detail = "replyTo " + message.replyTo() + " names no earlier message of channel "
                    + message.channelId() + (last == 0 ? " (it has none yet)" : " (its latest seq is " + last + ")");
            context.forward(record.withValue(Verdict.reject(Rejections.of(context, RejectionReason.INVALID_REPLY_TO,
                    detail, message.channelId(), message.messageId(), record.key(), record.value().originalValue()))));
            return;
        }
        long seq = last + 1;
        lastSeqs.put(message.channelId(), seq);
        seen.put(dedupeKey, seq, time);
        context.forward(record.withValue(Verdict.accept(new Sequenced(message, seq))));
    }

    /** The seq of the same key remembered within the window around {@code time}, or null. */
    private Long firstSeen(String key, long time) {
        long from = Math.max(0, time - windowMillis + 1);
        long to = time > Long.MAX_VALUE - windowMillis ? Long.MAX_VALUE : time + windowMillis - 1;
        try (WindowStoreIterator<Long> found = seen.fetch(key, from, to)) {
            return found.hasNext() ? found.next().value : null;
        }
    }

    /** (channel, sender, clientMsgId), length-prefixed so that no two triples share a key. */
    static String dedupeKey(RawMessage message) {
        String channel = message.channelId();
        String sender = message.sender().id();
        return channel.length() + ":" + channel + sender.length() + ":" + sender + message.clientMsgId();
    }
}
