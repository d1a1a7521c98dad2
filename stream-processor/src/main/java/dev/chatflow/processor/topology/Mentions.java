package dev.chatflow.processor.topology;

import dev.chatflow.schemas.events.UserRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code @username} mentions in a text and resolves them to users. A mention starts with
 * {@code @} not preceded by a username character (so {@code alice@example.com} is none) and is
 * followed by a username (3–32 of {@code [A-Za-z0-9_.-]}, matched case-insensitively). Trailing dots and
 * dashes that end a sentence ({@code "thanks @bob."}) are tried without. Unknown names are ignored;
 * each user is listed once, in order of first mention.
 */
final class Mentions {

    private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_.-])@([A-Za-z0-9_.-]+)");
    private static final int MIN_LENGTH = 3;
    private static final int MAX_LENGTH = 32;

    private Mentions() {
    }

    static List<UserRef> resolve(String text, Function<String, Optional<UserRef>> byUsername) {
        if (text.indexOf('@') < 0) {
            return List.of();
        }
        Map<String, UserRef> found = new LinkedHashMap<>();
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            lookUp(m.group(1), byUsername).ifPresent(user -> found.putIfAbsent(user.id(), user));
        }
        return found.isEmpty() ? List.of() : new ArrayList<>(found.values());
    }

    private static Optional<UserRef> lookUp(String token, Function<String, Optional<UserRef>> byUsername) {
        String name = token;
        while (true) {
            if (name.length() >= MIN_LENGTH && name.length() <= MAX_LENGTH) {
                Optional<UserRef> user = byUsername.apply(name);
                if (user.isPresent()) {
                    return user;
                }
            }
            char last = name.isEmpty() ? 'x' : name.charAt(name.length() - 1);
            if (name.length() <= MIN_LENGTH || (last != '.' && last != '-')) {
                return Optional.empty();
            }
            name = name.substring(0, name.length() - 1);
        }
    }
}
