-- Delivery (outbox, rate-limit permits), schedules as data with their fire history, admin audit.

CREATE TABLE outbox_message (
    id              BIGSERIAL PRIMARY KEY,
    dedupe_key      VARCHAR(300) NOT NULL UNIQUE,
    platform        VARCHAR(16)  NOT NULL,
    bot_id          VARCHAR(100) NOT NULL,
    channel         VARCHAR(16)  NOT NULL,
    target          TEXT         NOT NULL,
    destination     VARCHAR(400) NOT NULL,
    rate_key        VARCHAR(200) NOT NULL,
    payload         JSONB        NOT NULL,
    status          VARCHAR(10)  NOT NULL
        CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'DEAD')),
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    claimed_at      TIMESTAMPTZ,
    last_error      TEXT,
    created_at      TIMESTAMPTZ  NOT NULL,
    sent_at         TIMESTAMPTZ
);

CREATE INDEX outbox_message_due ON outbox_message (next_attempt_at, id)
    WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX outbox_message_status ON outbox_message (status, id);

-- One row per send attempted towards a platform rate bucket (a robot or an app API), so every
-- instance sees the same per-minute and per-second counts.
CREATE TABLE delivery_permit (
    id         BIGSERIAL PRIMARY KEY,
    rate_key   VARCHAR(200) NOT NULL,
    granted_at TIMESTAMPTZ  NOT NULL
);

CREATE INDEX delivery_permit_key_time ON delivery_permit (rate_key, granted_at);

CREATE TABLE schedule (
    id           BIGSERIAL PRIMARY KEY,
    name         VARCHAR(100) NOT NULL UNIQUE,
    kind         VARCHAR(16)  NOT NULL CHECK (kind IN ('REMINDER', 'ESCALATION', 'DIGEST')),
    cron         VARCHAR(120) NOT NULL,
    zone         VARCHAR(64)  NOT NULL DEFAULT 'Asia/Shanghai',
    target       VARCHAR(200) NOT NULL,
    enabled      BOOLEAN      NOT NULL DEFAULT TRUE,
    workday_rule VARCHAR(20)  NOT NULL
        CHECK (workday_rule IN ('FIRE_ANY_DAY', 'SKIP_NON_WORKDAY', 'PREVIOUS_WORKDAY', 'NEXT_WORKDAY')),
    created_at   TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL
);

CREATE TABLE schedule_fire (
    id          BIGSERIAL PRIMARY KEY,
    schedule_id BIGINT       NOT NULL REFERENCES schedule (id) ON DELETE CASCADE,
    planned_at  TIMESTAMPTZ  NOT NULL,
    fired_at    TIMESTAMPTZ  NOT NULL,
    trigger     VARCHAR(10)  NOT NULL CHECK (trigger IN ('SCHEDULED', 'MANUAL')),
    outcome     VARCHAR(10)  NOT NULL CHECK (outcome IN ('SENT', 'NOTHING', 'SKIPPED', 'MISSED', 'FAILED')),
    messages    INTEGER      NOT NULL DEFAULT 0,
    detail      TEXT         NOT NULL DEFAULT ''
);

CREATE INDEX schedule_fire_schedule ON schedule_fire (schedule_id, fired_at DESC);

CREATE TABLE admin_audit (
    id       BIGSERIAL PRIMARY KEY,
    actor    VARCHAR(200) NOT NULL,
    action   VARCHAR(60)  NOT NULL,
    subject  VARCHAR(200) NOT NULL,
    detail   TEXT         NOT NULL DEFAULT '',
    at       TIMESTAMPTZ  NOT NULL
);

CREATE INDEX admin_audit_at ON admin_audit (at DESC);
