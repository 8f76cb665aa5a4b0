-- The AWS IoT thing registry (registry.ThingRegistry): things, thing groups and group membership.
-- Names sort bytewise (COLLATE "C") so that ListThings pages are the same whatever the database's locale.
CREATE TABLE thing (
    name       TEXT COLLATE "C" PRIMARY KEY,
    id         UUID   NOT NULL UNIQUE,
    type_name  TEXT,
    attributes JSONB  NOT NULL DEFAULT '{}',
    version    BIGINT NOT NULL,
    created_at BIGINT NOT NULL          -- epoch milliseconds
);

CREATE TABLE thing_group (
    name        TEXT COLLATE "C" PRIMARY KEY,
    id          UUID   NOT NULL UNIQUE,
    parent_name TEXT COLLATE "C" REFERENCES thing_group (name),
    description TEXT,
    attributes  JSONB  NOT NULL DEFAULT '{}',
    version     BIGINT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX thing_group_parent ON thing_group (parent_name);

-- Deleting a thing takes it out of its groups, as AWS IoT does.
CREATE TABLE thing_group_member (
    group_name TEXT COLLATE "C" NOT NULL REFERENCES thing_group (name) ON DELETE CASCADE,
    thing_name TEXT COLLATE "C" NOT NULL REFERENCES thing (name) ON DELETE CASCADE,
    PRIMARY KEY (group_name, thing_name)
);
CREATE INDEX thing_group_member_thing ON thing_group_member (thing_name);
