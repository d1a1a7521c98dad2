package dev.chatflow.delivery.sockets;

import dev.chatflow.delivery.fanout.ChannelHub;
import dev.chatflow.delivery.memberships.ChannelAccess;
import dev.chatflow.delivery.metrics.DeliveryMetrics;
import dev.chatflow.kit.auth.JwtVerifier;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /ws}: accepts delivery sockets, gives each a {@link ClientSession}, and keeps them honest:
 * a socket must authenticate within the auth timeout (else 4401), and every ping interval each socket is
 * pinged and one that sent nothing — not even a pong — for the idle timeout is closed as dead.
 */
public final class DeliverySockets implements WebSocketConnectionCallback, AutoCloseable {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final ClientSession.Collaborators with;
    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> sweeper;

    public DeliverySockets(ChannelHub hub, ChannelAccess access, JwtVerifier verifier, DeliveryMetrics metrics,
                           SocketOptions options, ScheduledExecutorService scheduler) {
        this.with = new ClientSession.Collaborators(hub, access, verifier, metrics, options);
        long every = with.options().pingInterval().toMillis();
        this.sweeper = scheduler.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        ClientSession session = new ClientSession(channel, with);
        sessions.add(session);
        with.metrics().connections.incrementAndGet();
        channel.addCloseTask(closed -> {
            if (sessions.remove(session)) {
                with.metrics().connections.decrementAndGet();
            }
            session.closed();
        });
        channel.getReceiveSetter().set(new Receiver(session, with.options().maxFrameBytes()));
        channel.resumeReceives();
        String authorization = exchange.getRequestHeader("Authorization");
        if (authorization != null) {
            session.authenticateWithHeader(authorization);
        }
    }

    /** Open sockets. */
    public int size() {
        return sessions.size();
    }

    private void sweep() {
        long now = System.nanoTime();
        long authTimeout = with.options().authTimeout().toNanos();
        long idleTimeout = with.options().idleTimeout().toNanos();
        for (ClientSession session : sessions) {
            if (session.isClosing()) {
                continue;
            }
            if (!session.isAuthenticated() && now - session.openedNanos() > authTimeout) {
                with.metrics().idleDisconnects.increment();
                session.close(ClientSession.UNAUTHORIZED, "no auth frame within "
                        + with.options().authTimeout().toSeconds() + " s", false);
            } else if (now - session.lastHeardNanos() > idleTimeout) {
                with.metrics().idleDisconnects.increment();
                session.close(ClientSession.POLICY, "idle: nothing received for "
                        + with.options().idleTimeout().toSeconds() + " s", false);
            } else {
                WebSockets.sendPing(EMPTY.duplicate(), session.channel(), null);
            }
        }
    }

    /** Stops pinging and closes every socket (1001 going away). */
    @Override
    public void close() {
        sweeper.cancel(false);
        for (ClientSession session : sessions) {
            session.close(1001, "the gateway is shutting down", false);
        }
    }

    /** Reads whole frames of one socket on its I/O thread. */
    private static final class Receiver extends AbstractReceiveListener {

        private final ClientSession session;
        private final long maxFrameBytes;

        Receiver(ClientSession session, long maxFrameBytes) {
            this.session = session;
            this.maxFrameBytes = maxFrameBytes;
        }

        @Override
        protected long getMaxTextBufferSize() {
            return maxFrameBytes;
        }

        @Override
        protected long getMaxBinaryBufferSize() {
            return maxFrameBytes;
        }

        @Override
        protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage message) {
            session.receive(message.getData());
        }

        @Override
        protected void onFullBinaryMessage(WebSocketChannel channel, BufferedBinaryMessage message) throws IOException {
            super.onFullBinaryMessage(channel, message);
            session.receiveBinary();
        }

        @Override
        protected void onFullPongMessage(WebSocketChannel channel, BufferedBinaryMessage message) throws IOException {
            session.heard();
            super.onFullPongMessage(channel, message);
        }

        @Override
        protected void onFullPingMessage(WebSocketChannel channel, BufferedBinaryMessage message) throws IOException {
            session.heard();
            super.onFullPingMessage(channel, message);
        }
    }
}
