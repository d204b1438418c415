-- Closing items (办结销号): which plan items a leader has confirmed as done, and every close and
-- reopen with who did it and when.

create table item_closing (
    item_id   bigint primary key references plan_item (id) on delete cascade,
    closed_at timestamptz not null,
    closed_by text        not null,
    note      text        not null default ''
);

create table item_closing_audit (
    id      bigserial primary key,
    item_id bigint      not null references plan_item (id) on delete cascade,
    action  text        not null check (action in ('CLOSE', 'REOPEN')),
    actor   text        not null,
    via     text        not null check (via in ('DASHBOARD', 'CHAT', 'API')),
    note    text        not null default '',
    at      timestamptz not null
);

create index item_closing_audit_item on item_closing_audit (item_id, at);
