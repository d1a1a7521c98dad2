package dev.chatflow.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.bench.client.ChatApi;
import dev.chatflow.bench.client.JsonSocket;
import dev.chatflow.bench.system.SystemUnderTest;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The clients of a bench: sending users with their ingest connections, channels, and delivery sockets
 * subscribed across the channels. Built once, then driven by one or more {@link LoadRun}s.
 */
public final class Fleet implements AutoCloseable {

    /** Receiving users: sockets are spread over this many accounts, as many devices of few people. */
    private static final int MAX_RECEIVER_USERS = 20;

    final HttpClient http;
    final ChatApi api;
    final URI ingestWs;
    final List<String> channelIds;
    final List<Sender> senders;
    final List<Receiver> receivers;
    final String bootstrapServers;

    private Fleet(HttpClient http, ChatApi api, URI ingestWs, List<String> channelIds, List<Sender> senders,
                  List<Receiver> receivers, String bootstrapServers) {
        this.http = http;
        this.api = api;
        this.ingestWs = ingestWs;
        this.channelIds = channelIds;
        this.senders = senders;
        this.receivers = receivers;
        this.bootstrapServers = bootstrapServers;
    }

    /** A sending user, with an ingest WebSocket when sending over WebSocket. */
    static final class Sender {
        final ChatApi.Session session;
        volatile JsonSocket socket;
        volatile RunState run;

        Sender(ChatApi.Session session) {
            this.session = session;
        }

        void onFrame(JsonNode frame) {
            RunState state = run;
            if (state == null) {
                return;
            }
            int index = state.indexOf(frame.path("clientMsgId").asText(null));
            if (index < 0) {
                return;
            }
            switch (frame.path("type").asText()) {
                case "ack" -> state.accepted(index);
                case "nack" -> state.failed(index, frame.at("/error/code").asText("nack"));
                default -> { }
            }
        }
    }

    /** A delivery socket subscribed to one channel. */
    static final class Receiver {
        final int channel;
        final String channelId;
        final CompletableFuture<Long> subscribed = new CompletableFuture<>();
        volatile JsonSocket socket;
        volatile RunState run;
        volatile DeliveryLedger ledger;
        volatile Injection injection = Injection.NONE;
        private final AtomicInteger seenThisRun = new AtomicInteger();

        Receiver(int channel, String channelId) {
            this.channel = channel;
            this.channelId = channelId;
        }

        void onFrame(JsonNode frame) {
            switch (frame.path("type").asText()) {
                case "subscribed" -> subscribed.complete(frame.path("lastSeq").asLong(0));
                case "message" -> onMessage(frame);
                case "error" -> subscribed.completeExceptionally(new IOException("delivery refused: " + frame));
                default -> { }
            }
        }

        private void onMessage(JsonNode frame) {
            long now = System.nanoTime();
            DeliveryLedger book = ledger;
            RunState state = run;
            if (book == null || !channelId.equals(frame.path("channelId").asText())) {
                return;
            }
            int index = state == null ? -1 : state.indexOf(frame.path("clientMsgId").asText(null));
            long seq = frame.path("seq").asLong();
            if (index >= 0 && injection != Injection.NONE && seenThisRun.incrementAndGet() == 10) {
                if (injection == Injection.GAP) {
                    return; // as if the gateway never delivered it
                }
                book.received(seq, index); // DUPLICATE: the same message twice
            }
            book.received(seq, index);
            if (index >= 0) {
                state.delivered(index, now, frame.path("sentAt").asText(null));
            }
        }

        void startRun(RunState state, Injection inject) {
            seenThisRun.set(0);
            injection = inject;
            ledger = new DeliveryLedger(ledger == null ? subscribed.join() : ledger.lastSeq());
            run = state;
        }
    }

    /** Creates users and channels, joins them, opens and subscribes every socket. */
    public static Fleet create(SystemUnderTest system, Params params, String tag, PrintStream out)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10)).build();
        ChatApi api = new ChatApi(http, system.ingestUrl());
        String password = "bench-" + tag + "-pw";

        out.printf("setting up: %d sending users, %d channels, %d delivery sockets ...%n",
                params.senders(), params.channels(), params.sockets());
        List<Sender> senders = new ArrayList<>();
        for (int s = 0; s < params.senders(); s++) {
            senders.add(new Sender(api.signUpAndLogIn("bench_" + tag + "_s" + s, password)));
        }
        List<String> channelIds = new ArrayList<>();
        for (int c = 0; c < params.channels(); c++) {
            channelIds.add(api.createChannel(senders.get(0).session, "bench " + tag + " #" + c));
        }
        for (Sender sender : senders.subList(1, senders.size())) {
            for (String channelId : channelIds) {
                api.join(sender.session, channelId);
            }
        }

        int receiverUsers = Math.min(params.sockets(), MAX_RECEIVER_USERS);
        Map<Integer, Set<Integer>> channelsOfUser = new LinkedHashMap<>();
        for (int i = 0; i < params.sockets(); i++) {
            channelsOfUser.computeIfAbsent(i % receiverUsers, u -> new TreeSet<>()).add(i % params.channels());
        }
        List<ChatApi.Session> readers = new ArrayList<>();
        for (int u = 0; u < receiverUsers; u++) {
            ChatApi.Session reader = api.signUpAndLogIn("bench_" + tag + "_r" + u, password);
            for (int c : channelsOfUser.get(u)) {
                api.join(reader, channelIds.get(c));
            }
            readers.add(reader);
        }

        List<Receiver> receivers = new ArrayList<>();
        URI deliveryWs = system.deliveryWsUrl();
        for (int i = 0; i < params.sockets(); i++) {
            Receiver r = new Receiver(i % params.channels(), channelIds.get(i % params.channels()));
            r.socket = JsonSocket.open(http, deliveryWs, r::onFrame);
            r.socket.send(Map.of("type", "auth", "token", readers.get(i % receiverUsers).token()));
            r.socket.send(Map.of("type", "subscribe", "channelId", r.channelId));
            receivers.add(r);
        }
        for (Receiver r : receivers) {
            try {
                r.subscribed.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IOException("a delivery socket did not get subscribed: " + e.getMessage(), e);
            }
        }
        if (params.transport() == Params.Transport.WS) {
            for (Sender sender : senders) {
                sender.socket = JsonSocket.open(http, system.ingestWsUrl(), sender::onFrame);
                sender.socket.send(Map.of("type", "auth", "token", sender.session.token()));
            }
        }
        out.printf("setup done: %d sockets subscribed%n", receivers.size());
        return new Fleet(http, api, system.ingestWsUrl(), channelIds, senders, receivers, system.bootstrapServers());
    }

    @Override
    public void close() {
        senders.forEach(s -> {
            if (s.socket != null) {
                s.socket.close();
            }
        });
        receivers.forEach(r -> r.socket.close());
    }
}
