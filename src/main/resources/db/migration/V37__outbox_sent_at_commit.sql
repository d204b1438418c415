-- A reply may now be queued already claimed (SENDING) by the instance whose transaction queued it,
-- which sends it as soon as that transaction commits: no other instance need wake for it. The
-- notification is sent only when a statement queued a PENDING message, so a transaction that
-- queued only what it sends itself does not take the notification queue's commit-time lock.
CREATE OR REPLACE FUNCTION outbox_message_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM queued WHERE status = 'PENDING') THEN
        PERFORM pg_notify('duban_outbox', current_setting('application_name'));
    END IF;
    RETURN NULL;
END;
$$;

DROP TRIGGER outbox_message_queued ON outbox_message;
CREATE TRIGGER outbox_message_queued AFTER INSERT ON outbox_message
    REFERENCING NEW TABLE AS queued
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_message_notify();

-- Whether a bucket has anything queued and unsent, asked at each such commit: by bucket, over
-- the unsent rows only.
CREATE INDEX outbox_message_unsent_bucket ON outbox_message (rate_key, id)
    WHERE status IN ('PENDING', 'SENDING');
