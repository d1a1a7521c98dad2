package dev.chatflow.delivery.fanout;

import dev.chatflow.schemas.events.ProcessedMessage;
import java.util.List;
import java.util.OptionalLong;

/** What a resume reads from the stored history (the Cassandra {@code HistoryStore}); calls block. */
public interface HistoryReader {

    /** Up to {@code limit} messages with seq above {@code afterSeq}, oldest first. */
    List<ProcessedMessage> after(String channelId, long afterSeq, int limit);

    /** The highest stored seq of a channel, if it has any message. */
    OptionalLong lastSeq(String channelId);
}
