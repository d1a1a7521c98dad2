package dev.chatflow.ingest.channels;

import com.github.f4b6a3.uuid.UuidCreator;
import dev.chatflow.ingest.outbox.Outbox;
import dev.chatflow.kit.http.ApiException;
import dev.chatflow.schemas.events.Membership;
import dev.chatflow.schemas.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import static dev.chatflow.ingest.db.Tables.CHANNELS;
import static dev.chatflow.ingest.db.Tables.MEMBERSHIPS;
import static dev.chatflow.ingest.db.Tables.USERS;

/**
 * Channels and memberships on PostgreSQL. Every membership change goes to the outbox in its transaction
 * (a tombstone for a leave) and, once committed, to the {@link MembershipChanges} listener. Blocking.
 */
public final class Channels {

    private final DSLContext dsl;
    private final Outbox outbox;
    private final MembershipChanges changes;
    private final Clock clock;

    public Channels(DSLContext dsl, Outbox outbox, MembershipChanges changes, Clock clock) {
        this.dsl = dsl;
        this.outbox = outbox;
        this.changes = changes;
        this.clock = clock;
    }

    /** A channel id from a path or frame; 404 {@code channel_not_found} when it cannot name a channel. */
    public static UUID parseId(String text) {
        try {
            if (text != null && text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException notAUuid) {
            // falls through: no channel has this id
        }
        throw notFound(text);
    }

    /** Every channel, with whether {@code userId} joined it and how many members it has. */
    public List<ChannelSummary> list(UUID userId) {
        Field<Integer> memberCount = DSL.count(MEMBERSHIPS.USER_ID).as("member_count");
        Field<Boolean> joined = DSL.coalesce(DSL.boolOr(MEMBERSHIPS.USER_ID.eq(userId)), false).as("joined");
        return dsl.select(CHANNELS.ID, CHANNELS.NAME, CHANNELS.CREATED_AT, memberCount, joined)
                .from(CHANNELS)
                .leftJoin(MEMBERSHIPS).on(MEMBERSHIPS.CHANNEL_ID.eq(CHANNELS.ID))
                .groupBy(CHANNELS.ID, CHANNELS.NAME, CHANNELS.CREATED_AT)
                .orderBy(CHANNELS.CREATED_AT, CHANNELS.ID)
                .fetch(r -> new ChannelSummary(r.get(CHANNELS.ID), r.get(CHANNELS.NAME), r.get(joined),
                        r.get(memberCount), r.get(CHANNELS.CREATED_AT).toInstant()));
    }

    /** Creates a channel with its creator as the first member; 400, 409 {@code channel_name_taken}. */
    public Channel create(UUID creatorId, String rawName) {
        String name = ChannelNames.normalize(rawName);
        UUID id = UuidCreator.getTimeOrderedEpoch();
        Instant now = now();
        dsl.transaction(configuration -> {
            DSLContext tx = DSL.using(configuration);
            int inserted = tx.insertInto(CHANNELS)
                    .set(CHANNELS.ID, id)
                    .set(CHANNELS.NAME, name)
                    .set(CHANNELS.NAME_KEY, ChannelNames.key(name))
                    .set(CHANNELS.CREATED_BY, creatorId)
                    .set(CHANNELS.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                    .onConflictDoNothing()
                    .execute();
            if (inserted == 0) {
                throw ApiException.conflict("channel_name_taken", "a channel named '" + name
                        + "' exists (names are unique regardless of case)");
            }
            insertMembership(tx, id, creatorId, now);
        });
        afterChange(id, creatorId);
        return new Channel(id, name, now);
    }

    /** Joins; joining a channel one is in changes nothing. 404 {@code channel_not_found}. */
    public void join(UUID userId, String channelIdText) {
        UUID channelId = parseId(channelIdText);
        boolean joined = dsl.transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            requireChannel(tx, channelId);
            return insertMembership(tx, channelId, userId, now());
        });
        if (joined) {
            afterChange(channelId, userId);
        }
    }

    /** Leaves; leaving a channel one is not in changes nothing. 404 {@code channel_not_found}. */
    public void leave(UUID userId, String channelIdText) {
        UUID channelId = parseId(channelIdText);
        boolean left = dsl.transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            requireChannel(tx, channelId);
            int deleted = tx.deleteFrom(MEMBERSHIPS)
                    .where(MEMBERSHIPS.CHANNEL_ID.eq(channelId), MEMBERSHIPS.USER_ID.eq(userId))
                    .execute();
            if (deleted > 0) {
                outbox.append(tx, Topics.MEMBERSHIPS, Membership.key(channelId.toString(), userId.toString()), null);
            }
            return deleted > 0;
        });
        if (left) {
            afterChange(channelId, userId);
        }
    }

    /** The members of a channel, for a member only: 404 {@code channel_not_found}, 403 {@code not_a_member}. */
    public List<Member> members(UUID userId, String channelIdText) {
        UUID channelId = parseId(channelIdText);
        requireMember(status(channelId, userId), channelId);
        return dsl.select(USERS.ID, USERS.USERNAME)
                .from(MEMBERSHIPS).join(USERS).on(USERS.ID.eq(MEMBERSHIPS.USER_ID))
                .where(MEMBERSHIPS.CHANNEL_ID.eq(channelId))
                .orderBy(DSL.lower(USERS.USERNAME))
                .fetch(r -> new Member(r.get(USERS.ID), r.get(USERS.USERNAME)));
    }

    /** Whether the channel exists and the user is in it, in one query. */
    public MembershipStatus status(UUID channelId, UUID userId) {
        return status(dsl, channelId, userId);
    }

    /** {@link #status(UUID, UUID)} on {@code dsl}, for the intake's membership cache. */
    public static MembershipStatus status(DSLContext dsl, UUID channelId, UUID userId) {
        var row = dsl.select(
                        DSL.field(DSL.exists(DSL.selectOne().from(CHANNELS).where(CHANNELS.ID.eq(channelId)))),
                        DSL.field(DSL.exists(DSL.selectOne().from(MEMBERSHIPS)
                                .where(MEMBERSHIPS.CHANNEL_ID.eq(channelId), MEMBERSHIPS.USER_ID.eq(userId)))))
                .fetchSingle();
        if (!row.value1()) {
            return MembershipStatus.NO_SUCH_CHANNEL;
        }
        return row.value2() ? MembershipStatus.MEMBER : MembershipStatus.NOT_A_MEMBER;
    }

    /** Turns a status other than {@link MembershipStatus#MEMBER} into its API error. */
    public static void requireMember(MembershipStatus status, UUID channelId) {
        switch (status) {
            case NO_SUCH_CHANNEL -> throw notFound(channelId.toString());
            case NOT_A_MEMBER -> throw ApiException.forbidden("not_a_member",
                    "you are not a member of channel " + channelId + "; join it first");
            case MEMBER -> {
                // allowed
            }
        }
    }

    private boolean insertMembership(DSLContext tx, UUID channelId, UUID userId, Instant joinedAt) {
        int inserted = tx.insertInto(MEMBERSHIPS)
                .set(MEMBERSHIPS.CHANNEL_ID, channelId)
                .set(MEMBERSHIPS.USER_ID, userId)
                .set(MEMBERSHIPS.JOINED_AT, joinedAt.atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute();
        if (inserted > 0) {
            outbox.append(tx, Topics.MEMBERSHIPS, Membership.key(channelId.toString(), userId.toString()),
                    Membership.of(channelId.toString(), userId.toString(), joinedAt));
        }
        return inserted > 0;
    }

    private static void requireChannel(DSLContext tx, UUID channelId) {
        if (!tx.fetchExists(CHANNELS, CHANNELS.ID.eq(channelId))) {
            throw notFound(channelId.toString());
        }
    }

    private void afterChange(UUID channelId, UUID userId) {
        outbox.committed();
        changes.changed(channelId, userId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("channel_not_found", "there is no channel with id '" + id + "'");
    }
}
