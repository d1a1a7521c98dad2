package dev.chatflow.ingest.accounts;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.chatflow.kit.http.ApiException;
import java.util.UUID;

/**
 * Password rules and hashing: 8–128 characters, stored only as an Argon2id hash (password4j, OWASP's
 * parameters: 19 MiB, 2 iterations, 1 lane). Checking takes the same time whether or not the account
 * exists: for an unknown user a dummy hash is checked instead.
 */
public final class Passwords {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;

    private final Argon2Function argon2;
    private final String dummyHash;

    public Passwords() {
        this(Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID));
    }

    Passwords(Argon2Function argon2) {
        this.argon2 = argon2;
        this.dummyHash = hash(UUID.randomUUID().toString());
    }

    /** {@code password} when it meets the rules; 400 {@code weak_password} otherwise. */
    public static String require(String password) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw ApiException.badRequest("weak_password",
                    "a password is " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
        return password;
    }

    /** The PHC-formatted Argon2id hash of {@code password}, with a random salt. CPU-heavy: call off I/O threads. */
    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(argon2).getResult();
    }

    /** Whether {@code password} matches {@code hash}; a null hash (no such user) checks a dummy and fails. */
    public boolean matches(String password, String hash) {
        if (hash == null) {
            Password.check(password, dummyHash).with(argon2);
            return false;
        }
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }
}
