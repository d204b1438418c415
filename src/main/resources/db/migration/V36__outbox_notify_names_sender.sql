-- The outbox's notification names the queuing session's application_name (each Duban instance
-- names its connections uniquely, system.ConnectionName): an instance ignores its own, since it
-- woke its dispatcher at that commit already, and a second wake ran a round that found nothing.
-- Anything else that queues (another instance, a psql session) still wakes every instance.
CREATE OR REPLACE FUNCTION outbox_message_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('duban_outbox', current_setting('application_name'));
    RETURN NULL;
END;
$$;
