-- Other names people use for a plan item (简称, quoted names, institutions' short names), owned by
-- plan: extracted at import, added by admins, or learned from a report whose item the sender named
-- when the bot asked. The matcher reads them like the item's title.

create table plan_item_alias (
    id         bigserial primary key,
    item_id    bigint      not null references plan_item (id) on delete cascade,
    alias      text        not null check (length(alias) between 1 and 20),
    source     text        not null check (source in ('IMPORTED', 'ADMIN', 'LEARNED')),
    created_by text        not null,
    created_at timestamptz not null,
    unique (item_id, alias)
);
