-- Progress reports understood from chat messages, the messages already handled, and questions
-- the bot asked about which item a message meant.

create table progress_report (
    id                 bigserial primary key,
    plan_year          integer     not null,
    item_code          text        not null,
    unit_code          text references unit (code) on delete set null,
    contact_id         bigint references contact (id) on delete set null,
    platform           text        not null,
    sender_id          text        not null,
    sender_name        text,
    bot_id             text,
    chat_id            text,
    status             text        not null check (status in ('IN_PROGRESS', 'DONE', 'DELAYED', 'BLOCKED')),
    percent            integer check (percent between 0 and 100),
    reason             text,
    text               text        not null,
    period             text        not null check (period ~ '^[0-9]{4}-W[0-9]{2}$'),
    -- the chat message it came from (inbound_message.id, owned by the chat feature)
    inbound_message_id bigint,
    late               boolean     not null default false,
    retracted          boolean     not null default false,
    verified           boolean     not null default false,
    replaces_id        bigint references progress_report (id),
    created_at         timestamptz not null
);

create index progress_report_item on progress_report (item_code, created_at desc);
create index progress_report_period on progress_report (period, item_code);
create index progress_report_sender on progress_report (platform, sender_id, created_at desc);

-- One row per inbound message the report pipeline has handled: reprocessing one is a no-op.
create table report_handled_message (
    inbound_message_id bigint primary key,
    outcome            text        not null,
    handled_at         timestamptz not null
);

-- The bot asked a sender which item a report meant; their next message with a code completes it.
create table report_clarification (
    platform           text        not null,
    chat_id            text        not null,
    sender_id          text        not null,
    inbound_message_id bigint      not null,
    text               text        not null,
    status             text        not null,
    percent            integer,
    reason             text,
    candidates         text        not null,
    sent_at            timestamptz not null,
    expires_at         timestamptz not null,
    primary key (platform, chat_id, sender_id)
);
