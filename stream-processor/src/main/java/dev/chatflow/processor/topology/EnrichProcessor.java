package dev.chatflow.processor.topology;

import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.events.RawMessage;
import dev.chatflow.schemas.events.ReplyPreview;
import dev.chatflow.schemas.events.UserRef;
import dev.chatflow.schemas.text.MessageText;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Turns a numbered message into what clients receive: the sender as {@code chat.users} knows them (or
 * as the raw event named them, when no profile has arrived yet), {@code @username} mentions resolved to
 * users, and the preview of the message it replies to.
 *
 * <p>Previews are kept for the latest {@code previewsPerChannel} messages of each channel (key
 * {@code channelId:seq}); numbering seq N deletes the preview of N − previewsPerChannel, so the store
 * stays bounded per channel and the decision depends on seqs only. A reply to an older message keeps its
 * {@code replyTo} but carries no preview.
 */
final class EnrichProcessor implements Processor<String, Sequenced, String, ProcessedMessage> {

    private final String usersStoreName;
    private final String previewStoreName;
    private final int previewsPerChannel;
    private final TopologyListener listener;
    private ProcessorContext<String, ProcessedMessage> context;
    private ReadOnlyKeyValueStore<String, UserRef> users;
    private KeyValueStore<String, ReplyPreview> previews;

    EnrichProcessor(String usersStoreName, String previewStoreName, int previewsPerChannel, TopologyListener listener) {
        this.usersStoreName = usersStoreName;
        this.previewStoreName = previewStoreName;
        this.previewsPerChannel = previewsPerChannel;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, ProcessedMessage> context) {
        this.context = context;
        this.users = context.getStateStore(usersStoreName);
        this.previews = context.getStateStore(previewStoreName);
    }

    @Override
    public void process(Record<String, Sequenced> record) {
        RawMessage m = record.value().message();
        long seq = record.value().seq();
        UserRef sender = UserDirectory.byId(users, m.sender().id()).orElse(m.sender());
        List<UserRef> mentions = Mentions.resolve(m.text(), name -> UserDirectory.byUsername(users, name));
        ReplyPreview reply = m.replyTo() == null ? null : previews.get(previewKey(m.channelId(), m.replyTo()));

        previews.put(previewKey(m.channelId(), seq),
                new ReplyPreview(seq, sender, MessageText.preview(m.text(), ReplyPreview.MAX_LENGTH)));
        if (seq > previewsPerChannel) {
            previews.delete(previewKey(m.channelId(), seq - previewsPerChannel));
        }

        ProcessedMessage processed = ProcessedMessage.of(m.channelId(), seq, m.messageId(), m.clientMsgId(), sender,
                m.text(), mentions, m.replyTo(), reply, m.receivedAt(),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        listener.accepted();
        context.forward(record.withValue(processed));
    }

    static String previewKey(String channelId, long seq) {
        return channelId + ":" + seq;
    }
}
