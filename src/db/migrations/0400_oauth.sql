-- The OAuth 2.0 authorization server used for account linking (src/identity/oauth): every
-- oidc-provider model (sessions, interactions, grants, codes, access and refresh tokens) as
-- one JSON payload, so that any API node can continue a flow another node started.
CREATE TABLE oauth_models (
  kind        text NOT NULL,
  id          text NOT NULL,
  payload     jsonb NOT NULL,
  grant_id    text,
  user_code   text,
  uid         text,
  expires_at  timestamptz,
  consumed_at timestamptz,
  PRIMARY KEY (kind, id)
);
CREATE INDEX oauth_models_grant ON oauth_models (grant_id) WHERE grant_id IS NOT NULL;
CREATE INDEX oauth_models_uid ON oauth_models (uid) WHERE uid IS NOT NULL;
CREATE INDEX oauth_models_user_code ON oauth_models (user_code) WHERE user_code IS NOT NULL;
CREATE INDEX oauth_models_expires ON oauth_models (expires_at) WHERE expires_at IS NOT NULL;

-- Signing keys and cookie secrets, generated once by the first node and shared by all.
CREATE TABLE oauth_secrets (
  name       text PRIMARY KEY,
  value      jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
