-- Delivery: each running instance's dispatcher holds a lease, renewed every few seconds and judged
-- by the database's clock (as stream_lease), and every claim (SENDING) names the instance that made
-- it. A message claimed by an instance whose lease has lapsed (it was killed, or lost the database)
-- is claimable again within seconds instead of after duban.delivery.stuck-after, which stays the
-- last resort for an instance that is alive but stuck. A claim with no instance (made before this
-- migration) waits for stuck-after as before.
CREATE TABLE dispatcher_lease (
    instance    VARCHAR(128) PRIMARY KEY,
    started_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    alive_until TIMESTAMPTZ  NOT NULL
);

ALTER TABLE outbox_message ADD COLUMN claimed_by VARCHAR(128);
