-- 佐证材料: pictures and files people sent in chat, one row per message, downloaded from the
-- platform after the message is stored (retried until it succeeds or is refused). The bytes of a
-- file sent twice are stored once, in evidence_content, keyed by their SHA-256.
create table evidence_content (
    sha256       text primary key,
    content_type text   not null,
    size_bytes   bigint not null,
    content      bytea  not null
);

create table evidence (
    id                 bigserial primary key,
    -- the chat message that carried it (inbound_message.id, owned by the chat feature)
    inbound_message_id bigint      not null unique,
    platform           text        not null,
    bot_id             text        not null,
    chat_id            text        not null,
    sender_id          text        not null,
    kind               text        not null check (kind in ('IMAGE', 'FILE')),
    file_name          text,
    media_key          text        not null,
    platform_message_id text       not null,
    sent_at            timestamptz not null,
    status             text        not null default 'PENDING'
                       check (status in ('PENDING', 'STORED', 'REFUSED')),
    attempts           integer     not null default 0,
    next_attempt_at    timestamptz not null,
    last_error         text,
    sha256             text references evidence_content (sha256),
    -- the report it belongs to (progress_report.id, owned by the report feature) and its item
    report_id          bigint,
    item_code          text,
    created_at         timestamptz not null
);

create index evidence_due on evidence (next_attempt_at) where status = 'PENDING';
create index evidence_item on evidence (item_code) where item_code is not null;
create index evidence_unlinked on evidence (platform, sender_id, sent_at) where report_id is null;
