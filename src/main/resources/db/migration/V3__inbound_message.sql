-- Every message a bot received, stored once per (platform, bot, platform message id) before the
-- platform gets its HTTP 200, then handed to the report pipeline asynchronously.
CREATE TABLE inbound_message (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    platform             VARCHAR(16)  NOT NULL,
    bot_id               VARCHAR(64)  NOT NULL,
    platform_message_id  VARCHAR(256) NOT NULL,
    chat_id              VARCHAR(256) NOT NULL DEFAULT '',
    chat_type            VARCHAR(8)   NOT NULL CHECK (chat_type IN ('GROUP', 'SINGLE')),
    sender_id            VARCHAR(256) NOT NULL DEFAULT '',
    sender_name          VARCHAR(256),
    message_type         VARCHAR(32)  NOT NULL,
    text                 TEXT         NOT NULL DEFAULT '',
    sent_at              TIMESTAMPTZ  NOT NULL,
    reply_url            TEXT,
    reply_url_expires_at TIMESTAMPTZ,
    -- the decrypted platform payload as received (XML or JSON)
    raw_payload          TEXT         NOT NULL,
    received_at          TIMESTAMPTZ  NOT NULL,
    status               VARCHAR(16)  NOT NULL DEFAULT 'RECEIVED'
                         CHECK (status IN ('RECEIVED', 'PROCESSED', 'FAILED')),
    attempts             INTEGER      NOT NULL DEFAULT 0,
    -- a RECEIVED row is due for (re)processing from this time; a claim pushes it into the future
    next_attempt_at      TIMESTAMPTZ  NOT NULL,
    last_error           VARCHAR(1000),
    processed_at         TIMESTAMPTZ,
    CONSTRAINT inbound_message_once UNIQUE (platform, bot_id, platform_message_id)
);

CREATE INDEX inbound_message_due ON inbound_message (next_attempt_at) WHERE status = 'RECEIVED';
CREATE INDEX inbound_message_chat ON inbound_message (platform, chat_id, sent_at DESC);
CREATE INDEX inbound_message_recent ON inbound_message (received_at DESC);
