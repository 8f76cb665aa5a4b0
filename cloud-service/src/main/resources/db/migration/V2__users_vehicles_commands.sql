-- Users of the app API, console and Alexa. Tokens are stored only as SHA-256 hashes (they are 256-bit random
-- values, so a fast hash is enough; the same reasoning as GitHub's token storage).
CREATE TABLE app_user (
    id              BIGSERIAL    PRIMARY KEY,
    name            VARCHAR(64)  NOT NULL UNIQUE,
    role            VARCHAR(16)  NOT NULL CHECK (role IN ('OWNER', 'ADMIN')),
    default_vehicle VARCHAR(128),
    created_at      BIGINT       NOT NULL
);

CREATE TABLE user_token (
    token_hash  CHAR(64) PRIMARY KEY,
    user_id     BIGINT   NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at  BIGINT   NOT NULL
);

CREATE TABLE user_vehicle (
    user_id    BIGINT       NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    thing_name VARCHAR(128) NOT NULL,
    PRIMARY KEY (user_id, thing_name)
);
CREATE INDEX user_vehicle_thing ON user_vehicle (thing_name);

-- Connectivity from the broker's presence events ($aws/events/presence/...). changed_at orders late events.
CREATE TABLE vehicle_presence (
    thing_name VARCHAR(128) PRIMARY KEY,
    online     BOOLEAN      NOT NULL,
    changed_at BIGINT       NOT NULL,
    last_seen  BIGINT       NOT NULL
);

-- App, console and Alexa commands and their outcome. Times are epoch milliseconds.
CREATE TABLE vehicle_command (
    id              UUID         PRIMARY KEY,
    thing_name      VARCHAR(128) NOT NULL,
    attribute       VARCHAR(64)  NOT NULL,
    value           JSONB        NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    reason          TEXT,
    desired_version BIGINT,
    source          VARCHAR(16)  NOT NULL,
    user_name       VARCHAR(64)  NOT NULL,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL
);
CREATE INDEX vehicle_command_history ON vehicle_command (thing_name, created_at DESC);
CREATE INDEX vehicle_command_open ON vehicle_command (thing_name) WHERE status IN ('PENDING', 'DELIVERED');
