package dev.chatflow.processor.topology;

import static dev.chatflow.processor.topology.TopologyFixture.ALICE;
import static dev.chatflow.processor.topology.TopologyFixture.BOB;
import static dev.chatflow.processor.topology.TopologyFixture.T0;
import static dev.chatflow.processor.topology.TopologyFixture.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.chatflow.schemas.events.ProcessedMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeduplicationTest {

    private static final Duration WINDOW = Duration.ofHours(24);

    @TempDir
    Path stateDir;
    private final AtomicInteger duplicates = new AtomicInteger();
    private TopologyFixture fixture;

    @BeforeEach
    void start() {
        TopologyListener counting = new TopologyListener() {
            @Override
            public void duplicate() {
                duplicates.incrementAndGet();
            }
        };
        fixture = new TopologyFixture(TopologyConfig.defaults().withDedupeWindow(WINDOW).withListener(counting), stateDir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void duplicateClientMsgIdIsDroppedWithinWindow() {
        fixture.send(message("c1", ALICE, "m-1", "hello"), T0);
        fixture.send(message("c1", ALICE, "m-1", "hello again"), T0.plus(Duration.ofHours(23)));
        fixture.send(message("c1", ALICE, "m-2", "next"), T0.plus(Duration.ofHours(23)));

        List<ProcessedMessage> out = fixture.processed();
        assertThat(out).extracting(ProcessedMessage::clientMsgId, ProcessedMessage::seq, ProcessedMessage::text)
                .containsExactly(tuple("m-1", 1L, "hello"),
                        tuple("m-2", 2L, "next"));
        assertThat(duplicates).hasValue(1);
        assertThat(fixture.rejected.isEmpty()).isTrue();
    }

    @Test
    void duplicateOutsideWindowIsAcceptedWithTheNextSeq() {
        fixture.send(message("c1", ALICE, "m-1", "hello"), T0);
        fixture.send(message("c1", ALICE, "m-1", "hello, a day later"), T0.plus(WINDOW));

        assertThat(fixture.processed()).extracting(ProcessedMessage::clientMsgId, ProcessedMessage::seq)
                .containsExactly(tuple("m-1", 1L),
                        tuple("m-1", 2L));
        assertThat(duplicates).hasValue(0);
    }

    @Test
    void sameClientMsgIdOfAnotherSenderOrChannelIsNotADuplicate() {
        fixture.send(message("c1", ALICE, "m-1", "alice in c1"));
        fixture.send(message("c1", BOB, "m-1", "bob in c1"));
        fixture.send(message("c2", ALICE, "m-1", "alice in c2"));

        assertThat(fixture.processed()).extracting(ProcessedMessage::text)
                .containsExactly("alice in c1", "bob in c1", "alice in c2");
        assertThat(duplicates).hasValue(0);
    }

    @Test
    void rememberedKeysExpireOnceRecordTimePassesTheWindow() {
        fixture.send(message("c1", ALICE, "old", "first"), T0);
        assertThat(rememberedKeys()).hasSize(1);

        // record time moves far past the window: the old key's segment is dropped, the store stays bounded
        fixture.send(message("c1", ALICE, "new", "much later"), T0.plus(WINDOW.multipliedBy(3)));

        assertThat(rememberedKeys()).hasSize(1).allMatch(key -> key.endsWith("new"));
    }

    private List<String> rememberedKeys() {
        WindowStore<String, Long> store = fixture.driver.getWindowStore(ChatTopology.DEDUPE_STORE);
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, Long> all = store.all()) {
            all.forEachRemaining((KeyValue<Windowed<String>, Long> kv) -> keys.add(kv.key.key()));
        }
        return keys;
    }
}
