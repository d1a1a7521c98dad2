package dev.chatflow.delivery.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatflow.kit.http.ApiException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryQueryTest {

    private static Map<String, Deque<String>> query(String... pairs) {
        Map<String, Deque<String>> query = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.computeIfAbsent(pairs[i], k -> new ArrayDeque<>()).add(pairs[i + 1]);
        }
        return query;
    }

    private static String code(Map<String, Deque<String>> query) {
        try {
            HistoryQuery.from(query);
            return "accepted";
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(400);
            return e.code();
        }
    }

    @Test
    void defaultsToTheNewest50() {
        assertThat(HistoryQuery.from(query())).isEqualTo(new HistoryQuery(true, Long.MAX_VALUE, 50));
    }

    @Test
    void readsBeforeAfterAndLimit() {
        assertThat(HistoryQuery.from(query("before", "40", "limit", "200"))).isEqualTo(new HistoryQuery(true, 40, 200));
        assertThat(HistoryQuery.from(query("after", "0", "limit", "1"))).isEqualTo(new HistoryQuery(false, 0, 1));
    }

    @Test
    void limitMustBeFrom1To200() {
        for (String limit : List.of("0", "201", "-1", "x", "", "99999999999999999999")) {
            assertThat(code(query("limit", limit))).as(limit).isEqualTo("invalid_limit");
        }
    }

    @Test
    void cursorsMustBeSeqsAndNotBoth() {
        assertThat(code(query("before", "1", "after", "2"))).isEqualTo("invalid_cursor");
        assertThat(code(query("before", "-4"))).isEqualTo("invalid_cursor");
        assertThat(code(query("after", "1e3"))).isEqualTo("invalid_cursor");
        assertThat(code(query("after", "1", "after", "2"))).isEqualTo("invalid_query");
    }

    @Test
    void aLimitAt200IsAccepted() {
        assertThatThrownBy(() -> HistoryQuery.from(query("limit", "201"))).isInstanceOf(ApiException.class);
        assertThat(HistoryQuery.from(query("limit", "200")).limit()).isEqualTo(200);
    }
}
