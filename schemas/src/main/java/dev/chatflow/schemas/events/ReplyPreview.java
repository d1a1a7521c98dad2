package dev.chatflow.schemas.events;

/**
 * What a reply shows of the message it answers.
 *
 * @param seq     seq of the replied-to message
 * @param sender  its sender
 * @param preview its first characters (at most {@link #MAX_LENGTH} code points)
 */
public record ReplyPreview(Long seq, UserRef sender, String preview) {

    public static final int MAX_LENGTH = 100;

    public ReplyPreview {
        Contract.require(seq, "reply.seq");
        Contract.requirePositive(seq, "reply.seq");
        Contract.require(sender, "reply.sender");
        Contract.require(preview, "reply.preview");
    }
}
