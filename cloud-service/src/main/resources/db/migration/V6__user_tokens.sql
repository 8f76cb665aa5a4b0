-- Bearer tokens get an id (to list and revoke them without their secret) and an expiry (users.tokenTtlDays).
ALTER TABLE user_token ADD COLUMN id BIGINT GENERATED ALWAYS AS IDENTITY;
ALTER TABLE user_token ADD CONSTRAINT user_token_id_unique UNIQUE (id);
-- Epoch milliseconds; NULL = never (the service's own admin token, and tokens issued with ttlDays 0).
ALTER TABLE user_token ADD COLUMN expires_at BIGINT;
CREATE INDEX user_token_user ON user_token (user_id);

-- Tokens issued before expiry existed get the default lifetime, 90 days from their issue, except the service's own
-- admin token (users/admin.token, which the CLI uses and which never expires).
UPDATE user_token SET expires_at = created_at + 90 * 86400000::BIGINT
    WHERE user_id NOT IN (SELECT id FROM app_user WHERE name = 'admin');
