-- Revising a year's plan mid-year (owned by plan). Items are updated in place, so assignments,
-- closings and reports stay attached; an item the corrected document no longer has is withdrawn,
-- never deleted: it keeps its row, its old code is kept in withdrawn_code, and its code becomes
-- 0.<id> (no document numbers a section 0), which frees the old code for the revised document.
-- Every read of the current items leaves withdrawn ones out.

alter table plan
    add column revised_at timestamptz,
    add column revisions  integer not null default 0;

alter table plan_item
    add column withdrawn_at   timestamptz,
    add column withdrawn_code text;

-- A document waiting on the dashboard for its import to be confirmed (plan owns it). Kept a day.
create table plan_draft (
    id         uuid primary key,
    document   bytea       not null,
    filename   text        not null,
    created_at timestamptz not null
);
