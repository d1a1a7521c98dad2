package dev.chatflow.delivery.memberships;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Decides whether a user may read a channel, for subscriptions and the history API alike.
 *
 * <p>A channel exists, for this gateway, when {@code chat.memberships} ever named it (its creator joins it
 * when it is created) or {@code chat.messages} carried a message of it since start-up. When the answer
 * in memory is anything but "member", the membership view first reads {@code chat.memberships} up to its
 * current end and the question is asked again: a join that ingest acknowledged before the client asked
 * is then seen, so a new member is never refused.
 */
public final class ChannelAccess {

    /** The answer. */
    public enum Verdict { MEMBER, NOT_A_MEMBER, UNKNOWN_CHANNEL }

    private final MembershipView memberships;
    private final Predicate<String> seenInFeed;
    private final Duration catchUpTimeout;

    public ChannelAccess(MembershipView memberships, Predicate<String> seenInFeed, Duration catchUpTimeout) {
        this.memberships = memberships;
        this.seenInFeed = seenInFeed;
        this.catchUpTimeout = catchUpTimeout;
    }

    /**
     * The verdict for {@code userId} on {@code channelId}; fails with a {@link java.util.concurrent.TimeoutException}
     * when the memberships cannot be read up to date in time. Never blocks the calling thread.
     */
    public CompletionStage<Verdict> check(String channelId, String userId) {
        Verdict now = verdict(channelId, userId);
        if (now == Verdict.MEMBER) {
            return CompletableFuture.completedFuture(now);
        }
        return memberships.catchUp().orTimeout(catchUpTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(caughtUp -> verdict(channelId, userId));
    }

    private Verdict verdict(String channelId, String userId) {
        if (memberships.isMember(channelId, userId)) {
            return Verdict.MEMBER;
        }
        if (memberships.knowsChannel(channelId) || seenInFeed.test(channelId)) {
            return Verdict.NOT_A_MEMBER;
        }
        return Verdict.UNKNOWN_CHANNEL;
    }
}
