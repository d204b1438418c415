-- chat: a callback signature that does not cover the body (the DingTalk robot's (timestamp, sign)
-- pair) is accepted once; the pair is remembered with the digest of the body it came with until
-- the pair's timestamp leaves the accepted window, shared by every instance. A repeat with the
-- same body is the platform retrying (and deduplicated downstream); with another body, a forgery.
CREATE TABLE callback_signature (
    platform    VARCHAR(16) NOT NULL,
    bot_id      VARCHAR(64) NOT NULL,
    -- SHA-256 (hex) of the signed fields, so the table holds no usable signature
    signature   CHAR(64)    NOT NULL,
    body_digest CHAR(64)    NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (platform, bot_id, signature)
);
CREATE INDEX callback_signature_expiry ON callback_signature (expires_at);
ALTER TABLE callback_signature SET (autovacuum_vacuum_scale_factor = 0.01,
                                    autovacuum_analyze_scale_factor = 0.02);

-- chat: the organisation the callback says the sender belongs to (WeCom CorpID, DingTalk
-- senderCorpId, Feishu tenant_key), or null when the platform's callback does not carry one.
ALTER TABLE inbound_message ADD COLUMN sender_corp VARCHAR(256);

-- unit: the organisation a contact's user id belongs to; a message whose sender organisation is
-- known and differs is not this contact. Null: the contact is bound by its unit's chats and bots.
ALTER TABLE contact ADD COLUMN corp_id TEXT;
