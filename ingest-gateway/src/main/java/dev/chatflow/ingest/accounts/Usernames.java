package dev.chatflow.ingest.accounts;

import dev.chatflow.kit.http.ApiException;
import java.util.regex.Pattern;

/** The username rule of the contracts: 3–32 of {@code [A-Za-z0-9_.-]}, unique regardless of case. */
public final class Usernames {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{3,32}");

    private Usernames() {
    }

    public static boolean isValid(String username) {
        return username != null && VALID.matcher(username).matches();
    }

    /** {@code username} when valid; 400 {@code invalid_username} otherwise. */
    public static String require(String username) {
        if (!isValid(username)) {
            throw ApiException.badRequest("invalid_username",
                    "a username is 3 to 32 characters of A-Z, a-z, 0-9, '_', '.' and '-'");
        }
        return username;
    }
}
