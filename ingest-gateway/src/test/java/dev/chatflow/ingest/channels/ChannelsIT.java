package dev.chatflow.ingest.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.ingest.support.ApiClient;
import dev.chatflow.ingest.support.GatewayExtension;
import dev.chatflow.ingest.support.TestGateway;
import dev.chatflow.localstack.junit.LocalStackExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({LocalStackExtension.class, GatewayExtension.class})
class ChannelsIT {

    private final ApiClient api;
    private final ApiClient.User alice;
    private final ApiClient.User bob;

    ChannelsIT(TestGateway gateway) {
        this.api = gateway.api();
        this.alice = api.newUser();
        this.bob = api.newUser();
    }

    @Test
    void creatingAChannelMakesTheCreatorItsOnlyMember() {
        String name = ApiClient.uniqueName("Random talk ");
        ApiClient.Response created = api.createChannel(alice.token(), "  " + name + "  ");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("name").asText()).isEqualTo(name);
        String id = created.body().get("id").asText();
        assertThat(created.body().get("createdAt").asText()).isNotBlank();

        JsonNode members = api.members(alice.token(), id).body().get("members");
        assertThat(members).hasSize(1);
        assertThat(members.get(0).get("id").asText()).isEqualTo(alice.id());
        assertThat(members.get(0).get("username").asText()).isEqualTo(alice.username());
    }

    @Test
    void theListShowsEveryChannelWithJoinedAndMemberCount() {
        String id = api.newChannel(alice.token());
        api.join(bob.token(), id);

        JsonNode forAlice = find(api.listChannels(alice.token()).body(), id);
        ApiClient.User carol = api.newUser();
        JsonNode forCarol = find(api.listChannels(carol.token()).body(), id);

        assertThat(forAlice.get("joined").asBoolean()).isTrue();
        assertThat(forAlice.get("memberCount").asInt()).isEqualTo(2);
        assertThat(forCarol.get("joined").asBoolean()).isFalse();
        assertThat(forCarol.get("memberCount").asInt()).isEqualTo(2);
        assertThat(names(api.listChannels(carol.token()).body())).contains("general");
    }

    @Test
    void aChannelNameThatDiffersOnlyInCaseIsTaken() {
        String name = ApiClient.uniqueName("Über Team ");
        assertThat(api.createChannel(alice.token(), name).status()).isEqualTo(201);

        ApiClient.Response again = api.createChannel(bob.token(), name.toLowerCase());

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("channel_name_taken");
        assertThat(api.createChannel(bob.token(), "GENERAL").errorCode()).isEqualTo("channel_name_taken");
    }

    @Test
    void anInvalidChannelNameIs400() {
        for (String bad : new String[] {"   ", "x".repeat(81), "line\nbreak"}) {
            ApiClient.Response r = api.createChannel(alice.token(), bad);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("invalid_channel_name");
        }
        assertThat(api.post("/api/v1/channels", alice.token(), "{\"name\":7}").errorCode()).isEqualTo("invalid_channel_name");
    }

    @Test
    void sqlMetacharactersInChannelNamesAreStoredVerbatimAndHarmless() {
        String name = "Robert'); DROP TABLE channels; -- %_\\ " + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Response created = api.createChannel(alice.token(), name);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("name").asText()).isEqualTo(name);
        assertThat(names(api.listChannels(bob.token()).body())).contains(name, "general");
        // '%' and '_' matched literally: a name differing only there is another channel
        assertThat(api.createChannel(alice.token(), name.replace("%_", "ab")).status()).isEqualTo(201);
    }

    @Test
    void joiningIsIdempotent() {
        String id = api.newChannel(alice.token());

        assertThat(api.join(bob.token(), id).status()).isEqualTo(204);
        assertThat(api.join(bob.token(), id).status()).isEqualTo(204);

        assertThat(api.members(alice.token(), id).body().get("members")).hasSize(2);
    }

    @Test
    void joiningAMissingChannelIs404() {
        for (String missing : new String[] {UUID.randomUUID().toString(), "not-a-uuid", "'%20OR%201=1"}) {
            ApiClient.Response r = api.join(bob.token(), missing);
            assertThat(r.status()).as(missing).isEqualTo(404);
            assertThat(r.errorCode()).as(missing).isEqualTo("channel_not_found");
        }
    }

    @Test
    void leavingRemovesTheMembershipAndIsIdempotent() {
        String id = api.newChannel(alice.token());
        api.join(bob.token(), id);

        assertThat(api.leave(bob.token(), id).status()).isEqualTo(204);
        assertThat(api.leave(bob.token(), id).status()).isEqualTo(204);

        assertThat(api.members(alice.token(), id).body().get("members")).hasSize(1);
        assertThat(find(api.listChannels(bob.token()).body(), id).get("joined").asBoolean()).isFalse();
    }

    @Test
    void leavingAMissingChannelIs404() {
        ApiClient.Response r = api.leave(bob.token(), UUID.randomUUID().toString());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorCode()).isEqualTo("channel_not_found");
    }

    @Test
    void membersOfAChannelOneIsNotInIs403() {
        String id = api.newChannel(alice.token());

        ApiClient.Response r = api.members(bob.token(), id);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("not_a_member");
    }

    @Test
    void membersOfAMissingChannelIs404() {
        ApiClient.Response r = api.members(bob.token(), UUID.randomUUID().toString());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorCode()).isEqualTo("channel_not_found");
    }

    @Test
    void everyChannelCallNeedsAToken() {
        String id = api.newChannel(alice.token());
        List<ApiClient.Response> anonymous = List.of(api.listChannels(null), api.createChannel(null, "x"),
                api.join(null, id), api.leave(null, id), api.members(null, id));
        assertThat(anonymous).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.errorCode()).isEqualTo("unauthorized");
        });
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode channel : list.get("channels")) {
            if (channel.get("id").asText().equals(id)) {
                return channel;
            }
        }
        throw new AssertionError("channel " + id + " not listed");
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.get("channels").forEach(c -> names.add(c.get("name").asText()));
        return names;
    }
}
