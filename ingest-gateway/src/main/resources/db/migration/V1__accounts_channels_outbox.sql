-- Accounts, channels and memberships of the ingest gateway, and the outbox that carries their
-- changes to the compacted topics chat.users and chat.memberships.

CREATE TABLE users (
    id            uuid         NOT NULL PRIMARY KEY,
    username      varchar(32)  NOT NULL,
    password_hash varchar(255) NOT NULL,
    created_at    timestamptz  NOT NULL
);

-- name_key is the name case-folded by the gateway (Java's rules, not the database locale's), so that
-- names differing only in case collide in any script.
CREATE TABLE channels (
    id         uuid        NOT NULL PRIMARY KEY,
    name       varchar(80) NOT NULL,
    name_key   varchar(320) NOT NULL UNIQUE,
    created_by uuid        NULL REFERENCES users (id),
    created_at timestamptz NOT NULL
);

CREATE TABLE memberships (
    channel_id uuid        NOT NULL REFERENCES channels (id),
    user_id    uuid        NOT NULL REFERENCES users (id),
    joined_at  timestamptz NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);

CREATE INDEX memberships_by_user ON memberships (user_id);

-- One row per change still to be published, in commit order; a null payload is a tombstone.
CREATE TABLE outbox (
    id         bigserial    NOT NULL PRIMARY KEY,
    topic      varchar(249) NOT NULL,
    record_key varchar(255) NOT NULL,
    payload    text         NULL,
    created_at timestamptz  NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- [jooq ignore start]
-- PostgreSQL-only parts that the code generator does not need to see.

-- Usernames are unique regardless of case (they are ASCII, so lower() is the same in every locale).
CREATE UNIQUE INDEX users_username_ci ON users (lower(username));

-- The channel every user belongs to from sign-up on.
INSERT INTO channels (id, name, name_key, created_by, created_at)
VALUES (gen_random_uuid(), 'general', 'general', NULL, date_trunc('milliseconds', now()));
-- [jooq ignore stop]
