package dev.chatflow.ingest.accounts;

import com.github.f4b6a3.uuid.UuidCreator;
import dev.chatflow.ingest.outbox.Outbox;
import dev.chatflow.kit.http.ApiException;
import dev.chatflow.schemas.events.Membership;
import dev.chatflow.schemas.events.UserProfile;
import dev.chatflow.schemas.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import static dev.chatflow.ingest.db.Tables.CHANNELS;
import static dev.chatflow.ingest.db.Tables.MEMBERSHIPS;
import static dev.chatflow.ingest.db.Tables.USERS;

/**
 * Sign-up and credential checks. A new account joins {@code general} in the same transaction, and both
 * changes go to the outbox for {@code chat.users} and {@code chat.memberships}. Blocking (JDBC, hashing).
 */
public final class Accounts {

    /** The channel every user is a member of from sign-up on (created by the first migration). */
    public static final String GENERAL = "general";

    private final DSLContext dsl;
    private final Passwords passwords;
    private final Outbox outbox;
    private final Clock clock;

    public Accounts(DSLContext dsl, Passwords passwords, Outbox outbox, Clock clock) {
        this.dsl = dsl;
        this.passwords = passwords;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Creates an account; 400 {@code invalid_username}/{@code weak_password}, 409 {@code username_taken}. */
    public Account signUp(String username, String password) {
        Usernames.require(username);
        Passwords.require(password);
        String hash = passwords.hash(password); // before the transaction: no connection held while hashing
        UUID id = UuidCreator.getTimeOrderedEpoch();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        dsl.transaction(configuration -> {
            DSLContext tx = DSL.using(configuration);
            int inserted = tx.insertInto(USERS)
                    .set(USERS.ID, id)
                    .set(USERS.USERNAME, username)
                    .set(USERS.PASSWORD_HASH, hash)
                    .set(USERS.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                    .onConflictDoNothing()
                    .execute();
            if (inserted == 0) {
                throw ApiException.conflict("username_taken", "the username '" + username
                        + "' is taken (usernames are unique regardless of case)");
            }
            UUID general = tx.select(CHANNELS.ID).from(CHANNELS).where(CHANNELS.NAME.eq(GENERAL))
                    .fetchOptional(CHANNELS.ID)
                    .orElseThrow(() -> new IllegalStateException("the general channel is missing; "
                            + "were the migrations applied?"));
            tx.insertInto(MEMBERSHIPS)
                    .set(MEMBERSHIPS.CHANNEL_ID, general)
                    .set(MEMBERSHIPS.USER_ID, id)
                    .set(MEMBERSHIPS.JOINED_AT, now.atOffset(ZoneOffset.UTC))
                    .execute();
            outbox.append(tx, Topics.USERS, id.toString(), UserProfile.of(id.toString(), username, now));
            outbox.append(tx, Topics.MEMBERSHIPS, Membership.key(general.toString(), id.toString()),
                    Membership.of(general.toString(), id.toString(), now));
        });
        outbox.committed();
        return new Account(id, username, now);
    }

    /**
     * The account whose credentials these are. Takes as long for an unknown username (or one that no
     * account could have) as for a wrong password, so timing tells nothing about which accounts exist.
     */
    public Optional<Account> authenticate(String username, String password) {
        Record user = Usernames.isValid(username)
                ? dsl.select(USERS.ID, USERS.USERNAME, USERS.PASSWORD_HASH, USERS.CREATED_AT).from(USERS)
                        .where(DSL.lower(USERS.USERNAME).eq(DSL.lower(DSL.val(username)))).fetchOne()
                : null;
        String hash = user == null ? null : user.get(USERS.PASSWORD_HASH);
        if (!passwords.matches(password == null ? "" : password, hash)) {
            return Optional.empty();
        }
        return Optional.of(new Account(user.get(USERS.ID), user.get(USERS.USERNAME),
                user.get(USERS.CREATED_AT).toInstant()));
    }
}
