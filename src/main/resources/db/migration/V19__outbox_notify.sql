-- Queued outbox messages wake every instance's dispatcher at commit (LISTEN duban_outbox), so a
-- reply queued on one instance does not wait for another's poll. One notification per inserting
-- statement; PostgreSQL folds identical notifications of a transaction into one.
CREATE FUNCTION outbox_message_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('duban_outbox', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_message_queued AFTER INSERT ON outbox_message
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_message_notify();
