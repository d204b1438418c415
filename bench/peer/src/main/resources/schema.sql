create table if not exists message (
  id bigserial primary key,
  msg_id text not null unique,
  chat_id text,
  sender_id text,
  msg_type text,
  content text,
  webhook_url text,
  received_at timestamptz not null default now()
);

create table if not exists report (
  id bigserial primary key,
  message_id bigint not null references message (id),
  item_code text not null,
  progress int,
  text text not null,
  created_at timestamptz not null default now()
);

create table if not exists outbox (
  id bigserial primary key,
  message_id bigint not null references message (id),
  url text not null,
  body text not null,
  status text not null default 'PENDING',
  error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
