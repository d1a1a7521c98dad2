package dev.chatflow.ingest.intake;

import dev.chatflow.ingest.channels.Channels;
import dev.chatflow.ingest.channels.MembershipStatus;
import dev.chatflow.ingest.publishing.EventPublisher;
import dev.chatflow.kit.auth.Principal;
import dev.chatflow.kit.http.ApiException;
import dev.chatflow.schemas.events.RawMessage;
import dev.chatflow.schemas.events.UserRef;
import dev.chatflow.schemas.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every message takes into {@code chat.messages.raw}, whether it came over HTTP or a
 * WebSocket. The checks run in the contract's order, each with its error: the channel exists (404
 * {@code channel_not_found}), the sender is a member (403 {@code not_a_member}), the fields are valid
 * (400, 413 {@code message_too_large}), the sender is within the rate limit (429 {@code rate_limited}).
 * Then the message gets its messageId (the remembered one on a re-send) and {@code receivedAt}, waits for
 * an in-flight permit and goes to Kafka keyed by channel id. The outcome completes with the
 * acknowledgement only after the broker acknowledged; when that does not happen within the send timeout
 * it fails with 503 {@code unavailable} — it never hangs and never acknowledges what was not written.
 *
 * <p>Nothing here blocks the caller: membership misses load on the database executor and the producer
 * is called on {@code sendExecutor}. So I/O threads may submit.
 */
public final class MessageIntake {

    private static final Logger log = LoggerFactory.getLogger(MessageIntake.class);

    private final MembershipCache memberships;
    private final RateLimiter rateLimiter;
    private final ResendMemory resends;
    private final InFlightLimit inFlight;
    private final EventPublisher publisher;
    private final Executor sendExecutor;
    private final int maxTextLength;
    private final Duration sendTimeout;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Counter accepted;
    private final Timer ackTime;

    public MessageIntake(MembershipCache memberships, RateLimiter rateLimiter, ResendMemory resends, int maxInFlight,
                         EventPublisher publisher, Executor sendExecutor, int maxTextLength, Duration sendTimeout,
                         Clock clock, MeterRegistry registry) {
        if (maxTextLength < 1 || maxTextLength > RawMessage.MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("message.max.length must be 1 to " + RawMessage.MAX_TEXT_LENGTH
                    + ", not " + maxTextLength);
        }
        this.memberships = memberships;
        this.rateLimiter = rateLimiter;
        this.resends = resends;
        this.inFlight = new InFlightLimit(maxInFlight);
        this.publisher = publisher;
        this.sendExecutor = sendExecutor;
        this.maxTextLength = maxTextLength;
        this.sendTimeout = sendTimeout;
        this.clock = clock;
        this.registry = registry;
        this.accepted = registry.counter("chatflow.ingest.messages.accepted");
        this.ackTime = Timer.builder("chatflow.ingest.kafka.ack").description("time from hand-off to Kafka's ack")
                .publishPercentiles(0.5, 0.99).register(registry);
        registry.gauge("chatflow.ingest.messages.in.flight", inFlight, InFlightLimit::inFlight);
    }

    /** Starts {@code request} from {@code sender} (authenticated by the caller) on its way to channel {@code channelId}. */
    public Submission submit(Principal sender, String channelId, SendRequest request) {
        long started = System.nanoTime();
        CompletableFuture<Void> handedOff = new CompletableFuture<>();
        CompletableFuture<Accepted> outcome = new CompletableFuture<>();
        try {
            UUID channel = Channels.parseId(channelId);
            memberships.status(channel, UUID.fromString(sender.userId()))
                    .thenApply(status -> check(status, sender, channel, request))
                    .thenCompose(message -> send(message, started, handedOff))
                    .whenComplete((ack, failure) -> finish(outcome, ack, failure));
        } catch (RuntimeException e) {
            finish(outcome, null, e);
        }
        // the timeout covers every step: a lookup, a permit, the ack
        outcome.orTimeout(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<Accepted> answered = outcome.exceptionally(failure -> {
            throw new CompletionException(answer(failure));
        });
        answered.whenComplete((ack, failure) -> {
            handedOff.complete(null);
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                String code = cause instanceof ApiException api ? api.code() : "internal_error";
                registry.counter("chatflow.ingest.messages.refused", "code", code).increment();
            } else {
                accepted.increment();
            }
        });
        return new Submission(handedOff, answered);
    }

    private RawMessage check(MembershipStatus status, Principal sender, UUID channel, SendRequest request) {
        Channels.requireMember(status, channel);
        SendRequest.Valid valid = request.validate(maxTextLength);
        rateLimiter.tryAcquire(sender.userId()).ifPresent(wait -> {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new ApiException(429, "rate_limited", "too many messages; try again in " + seconds + " s",
                    Map.of("Retry-After", Long.toString(seconds)));
        });
        String messageId = resends.messageId(channel.toString(), sender.userId(), valid.clientMsgId());
        return RawMessage.of(messageId, channel.toString(), new UserRef(sender.userId(), sender.username()),
                valid.clientMsgId(), valid.text(), valid.replyTo(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    private CompletableFuture<Accepted> send(RawMessage message, long started, CompletableFuture<Void> handedOff) {
        long remaining = sendTimeout.toNanos() - (System.nanoTime() - started);
        CompletableFuture<Void> permit = inFlight.acquire().orTimeout(Math.max(0, remaining), TimeUnit.NANOSECONDS);
        return permit.thenComposeAsync(granted -> {
            long handOff = System.nanoTime();
            CompletableFuture<?> acked = publisher.send(Topics.RAW_MESSAGES, message.channelId(), message);
            handedOff.complete(null);
            return acked.whenComplete((metadata, failure) -> {
                inFlight.release();
                ackTime.record(System.nanoTime() - handOff, TimeUnit.NANOSECONDS);
            });
        }, sendExecutor).thenApply(metadata -> new Accepted(message.channelId(), message.clientMsgId(), message.messageId()));
    }

    private static void finish(CompletableFuture<Accepted> outcome, Accepted ack, Throwable failure) {
        if (failure == null) {
            outcome.complete(ack);
        } else {
            outcome.completeExceptionally(failure);
        }
    }

    /** The API error a failure is answered with. */
    private static RuntimeException answer(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ApiException api) {
            return api;
        }
        if (cause instanceof TimeoutException || cause instanceof KafkaException) {
            log.debug("message not acknowledged: {}", cause.toString());
            return unavailable("Kafka did not acknowledge the message in time");
        }
        if (cause instanceof DataAccessException) {
            log.warn("membership lookup failed: {}", cause.toString());
            return unavailable("the database did not answer");
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    private static ApiException unavailable(String why) {
        return new ApiException(503, "unavailable", why + "; send it again with the same clientMsgId");
    }
}
