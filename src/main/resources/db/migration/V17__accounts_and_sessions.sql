-- security: named accounts. People sign in as themselves (a password, or a bound work-chat
-- identity); roles are a comma-separated set of ADMIN, LEADER, SUPERVISOR, VIEWER. A disabled
-- account keeps its row (audit rows name it) but cannot sign in, and its sessions and tokens stop.
CREATE TABLE account (
    id            BIGSERIAL PRIMARY KEY,
    login         TEXT        NOT NULL CHECK (login ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    display_name  TEXT        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 64),
    -- the unit a person belongs to (a contact's 科室), or none for leaders and the 督查 office
    unit_code     TEXT        REFERENCES unit (code) ON UPDATE CASCADE ON DELETE SET NULL,
    roles         TEXT        NOT NULL
        CHECK (roles ~ '^(ADMIN|LEADER|SUPERVISOR|VIEWER)(,(ADMIN|LEADER|SUPERVISOR|VIEWER))*$'),
    -- Spring Security's DelegatingPasswordEncoder format ({bcrypt}...); null: chat sign-in only
    password_hash TEXT,
    disabled_at   TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL,
    created_by    TEXT        NOT NULL
);
CREATE UNIQUE INDEX account_login ON account (login);

-- security: a work-chat identity bound to an account, so a chat OAuth sign-in (WeCom CorpID +
-- userid, DingTalk corpId + userid/unionId, Feishu tenant + open_id/user_id) finds its person.
CREATE TABLE account_identity (
    account_id BIGINT      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    platform   TEXT        NOT NULL CHECK (platform IN ('WECOM', 'DINGTALK', 'FEISHU')),
    corp_id    TEXT        NOT NULL CHECK (length(corp_id) BETWEEN 1 AND 256),
    user_id    TEXT        NOT NULL CHECK (length(user_id) BETWEEN 1 AND 256),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (platform, corp_id, user_id)
);
CREATE INDEX account_identity_account ON account_identity (account_id);

-- security: a person's named API tokens. Only the SHA-256 of the secret is kept; the secret is
-- shown once when created. last_used_at is refreshed at most about once a minute per token.
CREATE TABLE api_token (
    id           BIGSERIAL PRIMARY KEY,
    account_id   BIGINT      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name         TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    secret_hash  CHAR(64)    NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE UNIQUE INDEX api_token_live_name ON api_token (account_id, name) WHERE revoked_at IS NULL;

-- security: web sessions, shared by every instance. The key is the SHA-256 of the session id
-- (the cookie value), so the table holds no usable cookie; attributes are the serialised session
-- attributes (security context, CSRF token). Rows past expires_at are dead and swept.
CREATE TABLE web_session (
    id_hash        CHAR(64)    PRIMARY KEY,
    account_id     BIGINT      REFERENCES account (id) ON DELETE CASCADE,
    attributes     BYTEA       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    last_access_at TIMESTAMPTZ NOT NULL,
    max_idle_secs  INTEGER     NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX web_session_expiry ON web_session (expires_at);
CREATE INDEX web_session_account ON web_session (account_id);
