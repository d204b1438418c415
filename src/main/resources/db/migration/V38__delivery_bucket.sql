-- A platform rate bucket (a robot, an app API) becomes one row holding the times of its grants in
-- the last minute, instead of one delivery_permit row per send. A transaction that grants takes
-- the row's lock with an INSERT ... ON CONFLICT DO UPDATE, which returns the row's newest version
-- even when another transaction committed it while this one waited: locking and reading the
-- window are one statement (they were an advisory lock, then a read of the permits).
CREATE TABLE delivery_bucket (
    rate_key      VARCHAR(200) PRIMARY KEY,
    -- the grants of the last minute, oldest first, as of the row's last checkpoint
    granted       TIMESTAMPTZ[] NOT NULL DEFAULT '{}',
    -- every grant the bucket has had, for operators (and tests) to count sends against the limit
    granted_total BIGINT        NOT NULL DEFAULT 0
) WITH (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.01,
        autovacuum_analyze_scale_factor = 0.02);

-- the windows in flight keep holding: a grant of the last minute is still a grant
INSERT INTO delivery_bucket (rate_key, granted, granted_total)
SELECT rate_key,
       coalesce(array_agg(granted_at ORDER BY granted_at)
                    FILTER (WHERE granted_at > now() - interval '1 minute'), '{}'),
       count(*)
FROM delivery_permit
GROUP BY rate_key;

DROP TABLE delivery_permit;
