-- Sign-in throttling shared by every API node: failed password attempts per account email
-- (keyed by the SHA-256 of the normalised email, so the table holds no address), counted in a
-- fixed window that starts at the first failure.
CREATE TABLE sign_in_attempts (
  email_hash text PRIMARY KEY,
  failures integer NOT NULL,
  window_start timestamptz NOT NULL
);
CREATE INDEX sign_in_attempts_window_idx ON sign_in_attempts (window_start);
CREATE INDEX IF NOT EXISTS sessions_expires_idx ON sessions (expires_at);
CREATE INDEX IF NOT EXISTS idempotency_keys_created_idx ON idempotency_keys (created_at);
