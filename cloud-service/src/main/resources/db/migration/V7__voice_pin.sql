-- The voice PIN that unlocking and opening by Alexa need (one per user). pin_hash is
-- "pbkdf2-sha256$<iterations>$<salt>$<hash>" (base64): a 4-digit PIN has only 10,000 values, so the slow salted KDF
-- only slows an attacker who has this table; the online protection is the lockout below. Wrong guesses and the
-- lock are kept here, not in memory, so a restart or another instance does not reset them. Times: epoch millis.
CREATE TABLE voice_pin (
    user_id         BIGINT       PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    pin_hash        VARCHAR(200) NOT NULL,
    failed_attempts INT          NOT NULL DEFAULT 0,
    locked_until    BIGINT,
    updated_at      BIGINT       NOT NULL
);
