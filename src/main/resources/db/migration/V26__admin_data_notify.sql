-- Data that changes only on admin edits (units, contacts, chats, responsibilities, the plan) is kept
-- in memory by every instance (system.TableChanges): each statement that changes one of these
-- tables notifies duban_changes with the table's name at commit, so every instance forgets what it
-- read from it. PostgreSQL folds identical notifications of a transaction into one.
create function admin_data_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('duban_changes', tg_table_name);
    return null;
end;
$$;

create trigger unit_changed after insert or update or delete or truncate on unit
    for each statement execute function admin_data_notify();
create trigger contact_changed after insert or update or delete or truncate on contact
    for each statement execute function admin_data_notify();
create trigger group_chat_changed after insert or update or delete or truncate on group_chat
    for each statement execute function admin_data_notify();
create trigger assignment_changed after insert or update or delete or truncate on assignment
    for each statement execute function admin_data_notify();
create trigger assignment_support_changed
    after insert or update or delete or truncate on assignment_support
    for each statement execute function admin_data_notify();
create trigger milestone_changed after insert or update or delete or truncate on milestone
    for each statement execute function admin_data_notify();
create trigger plan_changed after insert or update or delete or truncate on plan
    for each statement execute function admin_data_notify();
create trigger plan_item_changed after insert or update or delete or truncate on plan_item
    for each statement execute function admin_data_notify();
create trigger plan_item_alias_changed
    after insert or update or delete or truncate on plan_item_alias
    for each statement execute function admin_data_notify();
