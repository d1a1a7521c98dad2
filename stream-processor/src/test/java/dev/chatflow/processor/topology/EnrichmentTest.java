package dev.chatflow.processor.topology;

import static dev.chatflow.processor.topology.TopologyFixture.ALICE;
import static dev.chatflow.processor.topology.TopologyFixture.BOB;
import static dev.chatflow.processor.topology.TopologyFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.events.ReplyPreview;
import dev.chatflow.schemas.events.UserRef;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichmentTest {

    private static final int PREVIEWS_PER_CHANNEL = 3;

    @TempDir
    Path stateDir;
    private TopologyFixture fixture;

    @BeforeEach
    void start() {
        fixture = new TopologyFixture(TopologyConfig.defaults().withReplyPreviewsPerChannel(PREVIEWS_PER_CHANNEL),
                stateDir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void senderWithAKnownProfileIsNamedAsTheProfileSays() {
        fixture.profile(ALICE.id(), "Alice_Renamed");
        fixture.send(message("c1", ALICE, "m-1", "hi"));

        assertThat(fixture.processed()).extracting(ProcessedMessage::sender)
                .containsExactly(new UserRef(ALICE.id(), "Alice_Renamed"));
    }

    @Test
    void senderWithoutAProfileKeepsTheUsernameOfTheRawEvent() {
        fixture.send(message("c1", new UserRef("u-new", "newcomer"), "m-1", "hi"));

        assertThat(fixture.processed()).extracting(ProcessedMessage::sender)
                .containsExactly(new UserRef("u-new", "newcomer"));
        assertThat(fixture.rejected.isEmpty()).isTrue();
    }

    @Test
    void mentionsResolveCaseInsensitivelyToKnownUsersOnceEach() {
        fixture.profile(BOB.id(), "bob");
        fixture.profile("u-carol", "Carol.K");
        fixture.send(message("c1", ALICE, "m-1", "@BOB and @carol.k. — @bob again, @nobody, mail@bob.example"));

        ProcessedMessage out = fixture.messages.readValue();
        assertThat(out.mentions()).containsExactly(new UserRef(BOB.id(), "bob"), new UserRef("u-carol", "Carol.K"));
    }

    @Test
    void messageWithoutMentionsHasNone() {
        fixture.profile(BOB.id(), "bob");
        fixture.send(message("c1", ALICE, "m-1", "bob, no at sign here"));

        assertThat(fixture.messages.readValue().mentions()).isEmpty();
    }

    @Test
    void renamedUserIsMentionedByTheNewNameOnly() {
        fixture.profile(BOB.id(), "bob");
        fixture.profile(BOB.id(), "robert");
        fixture.send(message("c1", ALICE, "m-1", "@bob @robert"));

        assertThat(fixture.messages.readValue().mentions()).containsExactly(new UserRef(BOB.id(), "robert"));
    }

    @Test
    void deletedUserIsNoLongerResolved() {
        fixture.profile(BOB.id(), "bob");
        fixture.users.pipeInput(BOB.id(), null);
        fixture.send(message("c1", BOB, "m-1", "hi @bob"));

        ProcessedMessage out = fixture.messages.readValue();
        assertThat(out.mentions()).isEmpty();
        assertThat(out.sender()).isEqualTo(BOB);
    }

    @Test
    void replyCarriesSenderAndTheFirst100CharactersOfTheRepliedMessage() {
        fixture.profile(BOB.id(), "Bobby");
        String longText = "0123456789".repeat(15);
        fixture.send(message("c1", BOB, "m-1", longText));
        fixture.send(message("c1", ALICE, "m-2", "short"));
        fixture.send(message("c1", ALICE, "m-3", "answering bob", 1L));
        fixture.send(message("c1", BOB, "m-4", "answering alice", 2L));

        var out = fixture.processed();
        ReplyPreview toBob = out.get(2).reply();
        assertThat(out.get(2).replyTo()).isEqualTo(1L);
        assertThat(toBob.seq()).isEqualTo(1L);
        assertThat(toBob.sender()).isEqualTo(new UserRef(BOB.id(), "Bobby"));
        assertThat(toBob.preview()).hasSize(100).startsWith("0123456789").endsWith("…");
        assertThat(out.get(3).reply()).isEqualTo(new ReplyPreview(2L, ALICE, "short"));
        assertThat(out.get(0).reply()).isNull();
        assertThat(out.get(0).replyTo()).isNull();
    }

    @Test
    void replyToAMessageOlderThanTheKeptPreviewsKeepsReplyToWithoutPreview() {
        for (int i = 1; i <= PREVIEWS_PER_CHANNEL + 1; i++) {
            fixture.send(message("c1", ALICE, "m-" + i, "message " + i));
        }
        fixture.send(message("c1", BOB, "late", "answering the first", 1L));
        fixture.send(message("c1", BOB, "recent", "answering the oldest kept", 3L));

        var out = fixture.processed();
        ProcessedMessage late = out.get(PREVIEWS_PER_CHANNEL + 1);
        assertThat(late.replyTo()).isEqualTo(1L);
        assertThat(late.reply()).isNull();
        assertThat(out.get(PREVIEWS_PER_CHANNEL + 2).reply().preview()).isEqualTo("message 3");
        assertThat(fixture.driver.<String, ReplyPreview>getKeyValueStore(ChatTopology.PREVIEW_STORE).approximateNumEntries())
                .isLessThanOrEqualTo(PREVIEWS_PER_CHANNEL);
    }
}
