-- Credentials, kept here and nowhere else (docs/decisions/0015): never in an event, a read model or a log.

-- A user's login and password hash (Spring Security's delegating encoder: "{bcrypt}…"); the account's profile is
-- the User aggregate's. The unique login is enforced here.
CREATE TABLE account (
    user_id             bigint PRIMARY KEY,
    login               text        NOT NULL UNIQUE,
    password_hash       text        NOT NULL,
    admin               boolean     NOT NULL,
    created_at          timestamptz NOT NULL,
    password_changed_at timestamptz NOT NULL
);

-- Refresh tokens, by the SHA-256 of the opaque token. One login starts a family; each refresh uses its token up
-- and adds the next one to the family. A used token shown again means it leaked: the whole family is revoked.
CREATE TABLE refresh_token (
    token_digest text PRIMARY KEY,
    family       uuid        NOT NULL,
    user_id      bigint      NOT NULL REFERENCES account (user_id),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX refresh_token_family ON refresh_token (family);
CREATE INDEX refresh_token_user ON refresh_token (user_id);

-- The RSA keys access tokens are signed with; the newest signs, all are published in the JWK set.
CREATE TABLE signing_key (
    kid         text PRIMARY KEY,
    private_key bytea       NOT NULL,
    public_key  bytea       NOT NULL,
    created_at  timestamptz NOT NULL
);

-- API keys and executor credentials: trb_k_<id>_<secret> and trb_e_<id>_<secret>, known by the SHA-256 of the
-- secret. A key acts on its one project with its role; an executor as itself.
CREATE TABLE credential (
    kind          text        NOT NULL CHECK (kind IN ('key', 'executor')),
    id            bigint      NOT NULL,
    secret_digest text        NOT NULL,
    name          text        NOT NULL,
    project_id    bigint,
    role          text,
    expires_at    timestamptz,
    revoked_at    timestamptz,
    PRIMARY KEY (kind, id)
);
CREATE SEQUENCE api_key_id_seq;

-- Platform settings an admin changes at run time.
CREATE TABLE platform_setting (
    name  text PRIMARY KEY,
    value text NOT NULL
);
