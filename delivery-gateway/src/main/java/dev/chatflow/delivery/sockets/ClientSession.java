package dev.chatflow.delivery.sockets;

import dev.chatflow.delivery.fanout.ChannelHub;
import dev.chatflow.delivery.fanout.Subscriber;
import dev.chatflow.delivery.frames.OutboundFrames;
import dev.chatflow.delivery.memberships.ChannelAccess;
import dev.chatflow.delivery.metrics.DeliveryMetrics;
import dev.chatflow.kit.auth.InvalidTokenException;
import dev.chatflow.kit.auth.JwtVerifier;
import dev.chatflow.kit.auth.Principal;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * One delivery socket: who is on it, which channels it follows, its bounded {@link Outbox}, and the
 * handling of the frames its client sends (in order, through a {@link SerialInbox}).
 */
final class ClientSession implements Subscriber, Outbox.Transport, WebSocketCallback<byte[]> {

    /** Close codes of the contract. */
    static final int UNAUTHORIZED = 4401;
    static final int FORBIDDEN = 4403;
    static final int POLICY = 4008;
    private static final int INBOX_FRAMES = 64;
    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

    private final WebSocketChannel channel;
    private final Collaborators with;
    private final Outbox outbox;
    private final SerialInbox inbox = new SerialInbox(INBOX_FRAMES);
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final long openedNanos = System.nanoTime();
    private volatile long lastHeardNanos = openedNanos;
    private volatile Principal principal;

    /** What every session of a gateway shares. */
    record Collaborators(ChannelHub hub, ChannelAccess access, JwtVerifier verifier, DeliveryMetrics metrics,
                         SocketOptions options) {
    }

    ClientSession(WebSocketChannel channel, Collaborators with) {
        this.channel = channel;
        this.with = with;
        this.outbox = new Outbox(this, with.options().queueMaxFrames(), with.options().queueMaxBytes(), this::tooSlow);
    }

    // --- inbound -------------------------------------------------------------------------------------

    /** Something (a frame, a pong) arrived from the client: it is alive. */
    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /** A text frame arrived (on an I/O thread). */
    void receive(String text) {
        heard();
        InboundFrame frame;
        try {
            frame = InboundFrame.parse(text);
        } catch (InboundFrame.Invalid invalid) {
            if (principal == null) {
                close(UNAUTHORIZED, "the first frame must be {\"type\":\"auth\",\"token\":…}", true);
            } else {
                push(OutboundFrames.error(null, invalid.code(), invalid.getMessage()));
            }
            return;
        }
        if (!inbox.submit(() -> handle(frame))) {
            close(POLICY, "too many frames at once", false);
        }
    }

    /** A binary frame arrived: the protocol is JSON text only. */
    void receiveBinary() {
        heard();
        if (principal == null) {
            close(UNAUTHORIZED, "the first frame must be {\"type\":\"auth\",\"token\":…}", true);
        } else {
            push(OutboundFrames.error(null, "malformed_frame", "frames are JSON text, not binary"));
        }
    }

    /** The handshake carried an {@code Authorization} header. */
    void authenticateWithHeader(String header) {
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            close(UNAUTHORIZED, "the Authorization header must be Bearer <token>", true);
            return;
        }
        authenticate(header.substring(7).trim());
    }

    private CompletionStage<?> handle(InboundFrame frame) {
        if (closing.get()) {
            return done();
        }
        if (frame instanceof InboundFrame.Auth auth) {
            if (principal != null) {
                push(OutboundFrames.error(null, "already_authenticated", "this socket is authenticated already"));
            } else {
                authenticate(auth.token());
            }
            return done();
        }
        if (principal == null) {
            close(UNAUTHORIZED, "authenticate first: {\"type\":\"auth\",\"token\":…}", true);
            return done();
        }
        if (frame instanceof InboundFrame.Subscribe subscribe) {
            return subscribe(subscribe.channelId(), subscribe.sinceSeq());
        }
        if (frame instanceof InboundFrame.Unsubscribe unsubscribe) {
            channels.remove(unsubscribe.channelId());
            with.hub().unsubscribe(this, unsubscribe.channelId());
        } else if (frame instanceof InboundFrame.Ping) {
            push(OutboundFrames.pong());
        }
        return done();
    }

    private void authenticate(String token) {
        try {
            principal = with.verifier().verify(token);
        } catch (InvalidTokenException e) {
            close(UNAUTHORIZED, e.getMessage(), true);
        }
    }

    private CompletionStage<?> subscribe(String channelId, Long sinceSeq) {
        String userId = principal.userId();
        return with.access().check(channelId, userId).thenCompose(verdict -> switch (verdict) {
            case MEMBER -> {
                channels.add(channelId);
                yield with.hub().subscribe(this, channelId, sinceSeq).thenRun(() -> {
                    if (closing.get()) {
                        with.hub().unsubscribe(this, channelId); // the socket closed meanwhile
                    }
                });
            }
            case NOT_A_MEMBER -> {
                push(OutboundFrames.error(channelId, "not_a_member", "you are not a member of channel " + channelId));
                close(FORBIDDEN, "not a member of channel " + channelId, true);
                yield done();
            }
            case UNKNOWN_CHANNEL -> {
                push(OutboundFrames.error(channelId, "channel_not_found", "there is no channel " + channelId));
                yield done();
            }
        }).exceptionally(error -> {
            log.warn("subscription of user {} to channel {} failed: {}", userId, channelId, error.toString());
            channels.remove(channelId);
            push(OutboundFrames.error(channelId, "unavailable",
                    "the subscription could not be set up right now; try again"));
            return null;
        });
    }

    private static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

    // --- Subscriber ----------------------------------------------------------------------------------

    @Override
    public String userId() {
        Principal p = principal;
        return p == null ? "" : p.userId();
    }

    @Override
    public boolean push(byte[] frame) {
        return outbox.offer(frame);
    }

    @Override
    public boolean hasHeadroom() {
        return outbox.hasHeadroom();
    }

    @Override
    public void whenDrained(Runnable task) {
        outbox.whenDrained(task);
    }

    @Override
    public void subscriptionEnded(String channelId, String code, String message) {
        channels.remove(channelId);
        push(OutboundFrames.error(channelId, code, message));
    }

    // --- outbound ------------------------------------------------------------------------------------

    @Override
    public void send(byte[] frame, Outbox box) {
        WebSockets.sendText(ByteBuffer.wrap(frame), channel, this, frame);
    }

    @Override
    public void complete(WebSocketChannel ch, byte[] frame) {
        outbox.sent(frame);
    }

    @Override
    public void onError(WebSocketChannel ch, byte[] frame, Throwable error) {
        outbox.failed();
        IoUtils.safeClose(channel);
    }

    private void tooSlow() {
        with.metrics().slowClientDisconnects.increment();
        log.info("closing the socket of user {}: it fell {} frames behind", userId(), with.options().queueMaxFrames());
        close(POLICY, "too slow: the client did not keep up with its messages", false);
    }

    /**
     * Closes the socket with {@code code}: after what is queued when {@code afterQueued} (so an error frame
     * reaches the client first), else at once. A client that does not complete the close handshake in
     * time loses its connection.
     */
    void close(int code, String reason, boolean afterQueued) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        Runnable sendClose = () -> {
            WebSockets.sendClose(code, truncate(reason), channel, null);
            channel.getIoThread().executeAfter(() -> IoUtils.safeClose(channel),
                    with.options().closeGrace().toMillis(), TimeUnit.MILLISECONDS);
        };
        if (afterQueued) {
            outbox.finish(sendClose);
        } else {
            outbox.close();
            sendClose.run();
        }
    }

    /** The connection is gone: end the subscriptions. */
    void closed() {
        closing.set(true);
        outbox.close();
        for (String channelId : channels) {
            with.hub().unsubscribe(this, channelId);
        }
        channels.clear();
    }

    boolean isAuthenticated() {
        return principal != null;
    }

    boolean isClosing() {
        return closing.get();
    }

    long openedNanos() {
        return openedNanos;
    }

    long lastHeardNanos() {
        return lastHeardNanos;
    }

    WebSocketChannel channel() {
        return channel;
    }

    /** Close reasons are limited to 123 bytes of UTF-8. */
    private static String truncate(String reason) {
        byte[] utf8 = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (utf8.length <= 120) {
            return reason;
        }
        return new String(utf8, 0, 120, java.nio.charset.StandardCharsets.UTF_8).replaceAll("\uFFFD$", "");
    }
}
