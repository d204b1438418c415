-- security: failed sign-ins, counted for every instance at once, so guesses spread over the
-- instances behind a load balancer (or over a restart) buy no extra attempts. One row per counted
-- key: a client address (SOURCE) or a login as typed (ACCOUNT; a text no login can be is kept as
-- '#' and its SHA-256). failures counts since the key last started afresh, last_failure_at is the
-- latest counted failure, locked_until the end of the current lockout (null: never locked since
-- it started afresh). The database's clock judges all of it, so instances with skewed clocks agree.
-- A row whose last failure is older than forget-after and whose lockout is over is dead; it is
-- swept every few minutes by whichever instance gets there.
CREATE TABLE sign_in_failure (
    kind            TEXT        NOT NULL CHECK (kind IN ('SOURCE', 'ACCOUNT')),
    key             TEXT        NOT NULL CHECK (length(key) BETWEEN 1 AND 256),
    failures        INTEGER     NOT NULL CHECK (failures > 0),
    last_failure_at TIMESTAMPTZ NOT NULL,
    locked_until    TIMESTAMPTZ,
    PRIMARY KEY (kind, key)
);
CREATE INDEX sign_in_failure_last ON sign_in_failure (last_failure_at);
