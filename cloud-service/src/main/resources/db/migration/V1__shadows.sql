-- One row per device shadow. shadow_name '' is the classic (unnamed) shadow.
-- document holds {"state": {...}, "metadata": {...}} exactly as the shadow engine stores it.
CREATE TABLE shadow (
    thing_name  VARCHAR(128) NOT NULL,
    shadow_name VARCHAR(64)  NOT NULL,
    version     BIGINT       NOT NULL,
    document    JSONB        NOT NULL,
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (thing_name, shadow_name)
);
