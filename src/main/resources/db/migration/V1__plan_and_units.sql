-- The annual work plan, its items, and the units responsible for them.

create table plan (
    id          bigserial primary key,
    year        integer     not null unique check (year between 2000 and 2100),
    title       text        not null,
    source      text,
    imported_at timestamptz not null default now()
);

create table plan_item (
    id          bigserial primary key,
    plan_id     bigint  not null references plan (id) on delete cascade,
    code        text    not null check (code ~ '^[0-9]+(\.[0-9]+)*$'),
    parent_code text,
    title       text    not null,
    body        text    not null default '',
    leaf        boolean not null,
    position    integer not null,
    unique (plan_id, code)
);

create table unit (
    code     text primary key check (code ~ '^[a-z0-9][a-z0-9_-]*$'),
    name     text    not null unique,
    kind     text    not null check (kind in ('DEPARTMENT', 'INSTITUTION', 'LEADERS')),
    position integer not null default 0
);

create table contact (
    id               bigserial primary key,
    unit_code        text not null references unit (code) on delete cascade,
    name             text not null,
    platform         text not null check (platform in ('WECOM', 'DINGTALK', 'FEISHU', 'GENERIC')),
    platform_user_id text not null,
    role             text not null check (role in ('CONTACT', 'LEADER')),
    leave_from       date,
    leave_until      date,
    deputy_id        bigint references contact (id) on delete set null,
    unique (platform, platform_user_id),
    check (leave_until is null or leave_from is null or leave_from <= leave_until)
);

create table group_chat (
    id        bigserial primary key,
    unit_code text not null references unit (code) on delete cascade,
    platform  text not null check (platform in ('WECOM', 'DINGTALK', 'FEISHU', 'GENERIC')),
    bot_id    text not null,
    chat_id   text not null,
    name      text,
    unique (platform, bot_id, chat_id, unit_code)
);

create table assignment (
    item_id   bigint primary key references plan_item (id) on delete cascade,
    lead_unit text not null references unit (code),
    deadline  date
);

create table assignment_support (
    item_id   bigint not null references assignment (item_id) on delete cascade,
    unit_code text   not null references unit (code) on delete cascade,
    primary key (item_id, unit_code)
);

create table milestone (
    id      bigserial primary key,
    item_id bigint  not null references assignment (item_id) on delete cascade,
    due     date    not null,
    percent integer not null check (percent between 0 and 100),
    note    text,
    unique (item_id, due)
);
