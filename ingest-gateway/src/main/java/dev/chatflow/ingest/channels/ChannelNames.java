package dev.chatflow.ingest.channels;

import dev.chatflow.kit.http.ApiException;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The channel name rule of the contracts: 1–80 printable characters after trimming, any script and
 * punctuation, unique regardless of case. Names are kept in Unicode NFC, so that one name typed two ways
 * is one name.
 */
public final class ChannelNames {

    static final int MAX_LENGTH = 80;

    private ChannelNames() {
    }

    /** The name to store for {@code raw}; 400 {@code invalid_channel_name} when it breaks the rule. */
    public static String normalize(String raw) {
        if (raw == null) {
            throw invalid("name is required");
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > MAX_LENGTH) {
            throw invalid("a channel name is 1 to " + MAX_LENGTH + " characters after trimming");
        }
        if (!name.codePoints().allMatch(ChannelNames::printable)) {
            throw invalid("a channel name has printable characters only (no control characters or line breaks)");
        }
        return name;
    }

    /** The case-folded form that makes names unique regardless of case, in every script ("Straße" = "STRASSE"). */
    public static String key(String name) {
        return name.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    private static boolean printable(int codePoint) {
        int type = Character.getType(codePoint);
        return type != Character.CONTROL && type != Character.UNASSIGNED && type != Character.SURROGATE
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest("invalid_channel_name", message);
    }
}
