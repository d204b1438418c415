-- Units, contacts, group chats, responsibilities and the plan change only on admin edits and
-- imports, yet the message path needs them for every message: each instance keeps them in memory
-- and forgets them when any instance changes them. One notification per changing statement, its
-- payload the table's name (PostgreSQL folds identical notifications of a transaction into one);
-- TRUNCATE notifies too.
CREATE FUNCTION directory_change_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('duban_changes', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

CREATE TRIGGER unit_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON unit
    FOR EACH STATEMENT EXECUTE FUNCTION directory_change_notify();
CREATE TRIGGER contact_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON contact
    FOR EACH STATEMENT EXECUTE FUNCTION directory_change_notify();
CREATE TRIGGER group_chat_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON group_chat
    FOR EACH STATEMENT EXECUTE FUNCTION directory_change_notify();
CREATE TRIGGER assignment_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON assignment
    FOR EACH STATEMENT EXECUTE FUNCTION directory_change_notify();
CREATE TRIGGER assignment_support_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON assignment_support FOR EACH STATEMENT EXECUTE FUNCTION directory_change_notify();
CREATE TRIGGER milestone_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON milestone
    FOR EACH STATEMENT EXECUTE FUNCTION directory_change_notify();
CREATE TRIGGER plan_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan
    FOR EACH STATEMENT EXECUTE FUNCTION directory_change_notify();
CREATE TRIGGER plan_item_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan_item
    FOR EACH STATEMENT EXECUTE FUNCTION directory_change_notify();
CREATE TRIGGER plan_item_alias_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON plan_item_alias FOR EACH STATEMENT EXECUTE FUNCTION directory_change_notify();
