package dev.chatflow.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.kit.http.ApiException;
import dev.chatflow.schemas.json.Json;
import org.junit.jupiter.api.Test;

class SendRequestTest {

    private static SendRequest request(String json) throws Exception {
        JsonNode body = Json.mapper().readTree(json);
        return SendRequest.from(body);
    }

    private static void assertRefused(String json, int status, String code) {
        assertThatThrownBy(() -> request(json).validate(20))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.code()).isEqualTo(code);
                });
    }

    @Test
    void aValidMessageIsTrimmedAndNormalized() throws Exception {
        var valid = request("{\"clientMsgId\":\"c-1_A\",\"text\":\"  Cafe\\u0301 \\u0007ok \",\"replyTo\":7}").validate(20);
        assertThat(valid.clientMsgId()).isEqualTo("c-1_A");
        assertThat(valid.text()).isEqualTo("Café ok");
        assertThat(valid.replyTo()).isEqualTo(7L);
    }

    @Test
    void clientMsgIdMustBeOneTo64OfTheAllowedCharacters() {
        assertRefused("{\"text\":\"hi\"}", 400, "invalid_client_msg_id");
        assertRefused("{\"clientMsgId\":\"\",\"text\":\"hi\"}", 400, "invalid_client_msg_id");
        assertRefused("{\"clientMsgId\":\"a b\",\"text\":\"hi\"}", 400, "invalid_client_msg_id");
        assertRefused("{\"clientMsgId\":\"" + "x".repeat(65) + "\",\"text\":\"hi\"}", 400, "invalid_client_msg_id");
        assertRefused("{\"clientMsgId\":5,\"text\":\"hi\"}", 400, "invalid_client_msg_id");
    }

    @Test
    void textMustBeAStringThatIsNotBlank() {
        assertRefused("{\"clientMsgId\":\"a\"}", 400, "invalid_text");
        assertRefused("{\"clientMsgId\":\"a\",\"text\":42}", 400, "invalid_text");
        assertRefused("{\"clientMsgId\":\"a\",\"text\":\" \\n\\t \"}", 400, "invalid_text");
    }

    @Test
    void textOverTheLimitIs413CountedInCodePointsAfterTrimming() throws Exception {
        assertRefused("{\"clientMsgId\":\"a\",\"text\":\"" + "x".repeat(21) + "\"}", 413, "message_too_large");
        String emoji = "\uD83D\uDE00".repeat(20); // 20 code points, 40 UTF-16 units
        assertThat(request("{\"clientMsgId\":\"a\",\"text\":\"  " + emoji + "  \"}").validate(20).text()).isEqualTo(emoji);
    }

    @Test
    void replyToMustBeAPositiveWholeNumber() {
        assertRefused("{\"clientMsgId\":\"a\",\"text\":\"hi\",\"replyTo\":0}", 400, "invalid_reply_to");
        assertRefused("{\"clientMsgId\":\"a\",\"text\":\"hi\",\"replyTo\":\"3\"}", 400, "invalid_reply_to");
        assertRefused("{\"clientMsgId\":\"a\",\"text\":\"hi\",\"replyTo\":1.5}", 400, "invalid_reply_to");
    }
}
