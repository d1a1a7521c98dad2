package dev.chatflow.delivery.history;

import dev.chatflow.kit.http.ApiException;
import java.util.Deque;
import java.util.Map;

/**
 * The paging parameters of {@code GET /api/v1/channels/{id}/messages}: {@code before=SEQ} (newest first,
 * the default, from the newest message when absent) or {@code after=SEQ} (oldest first), and
 * {@code limit} from 1 to 200, 50 by default.
 *
 * @param newestFirst true for {@code before} paging
 * @param cursor      the exclusive bound
 */
record HistoryQuery(boolean newestFirst, long cursor, int limit) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    static HistoryQuery from(Map<String, Deque<String>> query) {
        String before = single(query, "before");
        String after = single(query, "after");
        String limitText = single(query, "limit");
        if (before != null && after != null) {
            throw ApiException.badRequest("invalid_cursor", "give before or after, not both");
        }
        int limit = DEFAULT_LIMIT;
        if (limitText != null) {
            limit = (int) Math.min(Integer.MAX_VALUE, number(limitText, "invalid_limit",
                    "limit must be a whole number from 1 to " + MAX_LIMIT));
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ApiException.badRequest("invalid_limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        if (after != null) {
            return new HistoryQuery(false, number(after, "invalid_cursor", "after must be a seq: a whole number, 0 or greater"),
                    limit);
        }
        long cursor = before == null ? Long.MAX_VALUE
                : number(before, "invalid_cursor", "before must be a seq: a whole number, 0 or greater");
        return new HistoryQuery(true, cursor, limit);
    }

    private static String single(Map<String, Deque<String>> query, String name) {
        Deque<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest("invalid_query", name + " is given more than once");
        }
        return values.getFirst();
    }

    private static long number(String text, String code, String message) {
        if (!text.matches("[0-9]{1,18}")) {
            throw ApiException.badRequest(code, message);
        }
        return Long.parseLong(text);
    }
}
