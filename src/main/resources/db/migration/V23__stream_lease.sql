-- chat: who holds each stream bot's long connection. Exactly one instance may hold a bot's
-- connection (a platform pushes each message down one of them, and WeCom displaces an older one),
-- so the instance that holds the row with expires_at in the future owns it and renews it; when the
-- owner dies the row expires and another instance takes it. The database's clock judges expiry,
-- so instances with skewed clocks still agree. connected/state_since say whether the owner's
-- connection is up, and since when, for every instance's readiness.
CREATE TABLE stream_lease (
    platform    VARCHAR(16)  NOT NULL,
    bot_id      VARCHAR(64)  NOT NULL,
    owner       VARCHAR(128) NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL,
    acquired_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    connected   BOOLEAN      NOT NULL DEFAULT false,
    state_since TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (platform, bot_id)
);
