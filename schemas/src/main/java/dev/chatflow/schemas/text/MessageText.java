package dev.chatflow.schemas.text;

import java.text.Normalizer;

/**
 * The text rules of the contracts: Unicode NFC, control characters other than newline and tab
 * removed, leading and trailing white space trimmed; length counted in code points. Ingest applies them
 * before it accepts a message, the processor again before it numbers one.
 */
public final class MessageText {

    private MessageText() {
    }

    /** The normalized form of {@code text}. */
    public static String normalize(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder kept = new StringBuilder(nfc.length());
        nfc.codePoints()
                .filter(cp -> cp == '\n' || cp == '\t' || !Character.isISOControl(cp))
                .forEach(kept::appendCodePoint);
        return kept.toString().strip();
    }

    /** Length in Unicode code points, the unit of the contracts' limits. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** The first {@code max} code points of {@code text}, with an ellipsis when something was cut. */
    public static String preview(String text, int max) {
        if (length(text) <= max) {
            return text;
        }
        int end = text.offsetByCodePoints(0, max - 1);
        return text.substring(0, end) + "…";
    }
}
