-- plan: 督办事项 (交办事项) beside the plan's own items. A task is an item of the current plan with a
-- code J<year>-NNN (never a plan code: plan codes are dotted numbers), its source (批示, 会议,
-- 建议提案, 其他) with the source document's number and text, and who filed it when. Plan items
-- keep source null. A plan revision never touches a task (it only compares plan items).
alter table plan_item drop constraint if exists plan_item_code_check;
alter table plan_item add constraint plan_item_code_check
    check (code ~ '^[0-9]+(\.[0-9]+)*$' or code ~ '^J[0-9]{4}-[0-9]{3,}$');
alter table plan_item add column source text
    check (source in ('INSTRUCTION', 'MEETING', 'PROPOSAL', 'OTHER'));
alter table plan_item add column source_ref text check (char_length(source_ref) <= 200);
alter table plan_item add column source_text text check (char_length(source_text) <= 4000);
alter table plan_item add column filed_by text check (char_length(filed_by) <= 100);
alter table plan_item add column filed_at timestamptz;

-- unit: 签收. When an item is assigned to a lead unit (a 交办, or a plan published to units) it is
-- owed an acknowledgement by that unit; a change of lead unit owes a new one.
create table item_acknowledgement (
    item_id         bigint primary key references plan_item (id) on delete cascade,
    unit_code       text        not null references unit (code) on delete cascade,
    assigned_at     timestamptz not null,
    acknowledged_at timestamptz,
    acknowledged_by text check (char_length(acknowledged_by) <= 100)
);

-- report: every step of an item's handling after assignment, with the person and time: 延期 asked,
-- approved or refused (with the deadline before and after), 退回 of a report, 申请办结, 复核 passed or
-- returned. 确认办结 and 重新打开 stay in item_closing_audit.
create table item_step (
    id         bigserial primary key,
    item_id    bigint      not null references plan_item (id) on delete cascade,
    kind       text        not null check (kind in ('EXTENSION_ASKED', 'EXTENSION_APPROVED',
                   'EXTENSION_REFUSED', 'RETURNED', 'CLOSE_ASKED', 'REVIEW_PASSED',
                   'REVIEW_RETURNED')),
    unit_code  text,
    actor      text        not null check (char_length(actor) <= 100),
    via        text        not null check (via in ('DASHBOARD', 'CHAT', 'API')),
    note       text        not null default '' check (char_length(note) <= 2000),
    due_before date,
    due_after  date,
    at         timestamptz not null
);
create index item_step_item on item_step (item_id, at, id);

-- report: a 交办 a leader typed in chat, kept until the leader answers 确认 or 取消 (or it expires).
create table task_draft (
    platform   text        not null,
    chat_id    text        not null,
    sender_id  text        not null,
    body       text        not null,
    expires_at timestamptz not null,
    primary key (platform, chat_id, sender_id)
);
