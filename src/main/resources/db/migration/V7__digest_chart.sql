-- Digest charts published for chats that can show an image only by URL (DingTalk robots, Feishu
-- custom bots): served without sign-in at /charts/{id}.png, so the id is 128 random bits (32 hex
-- digits) and nothing else about the chart can be guessed from it. One chart per week.

create table digest_chart (
    id           text        primary key check (id ~ '^[0-9a-f]{32}$'),
    period       text        not null unique,
    png          bytea       not null,
    published_at timestamptz not null
);
