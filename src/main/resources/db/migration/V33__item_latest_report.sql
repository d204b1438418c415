-- The leaders' pages read each item's latest report that counts (standing, verified, by the lead
-- unit) from two standing tables instead of probing a million reports per request (issue 17):
--   item_latest_report: per plan year and item, the latest of all;
--   item_week_report:   per plan year, week (period) and item, the latest of that week.
-- Both are kept by the triggers below in the transaction that writes the report, so they cannot
-- drift from progress_report; ReportRepository.latestPerItemBefore reads them.

create table item_latest_report (
    plan_year   int         not null,
    item_code   text        not null,
    report_id   bigint      not null,
    reported_at timestamptz not null,
    primary key (plan_year, item_code)
) with (fillfactor = 50);
-- each report rewrites its item's row: room on the page keeps those updates HOT (no index entry,
-- pruned in place), so the table stays about 10,000 rows' worth of pages instead of growing by one
-- dead version per report until autovacuum catches up

create table item_week_report (
    plan_year   int         not null,
    period      text        not null,
    item_code   text        not null,
    report_id   bigint      not null,
    reported_at timestamptz not null,
    primary key (plan_year, period, item_code)
);

-- Recomputes both rows of one item and week from the reports (a retraction, revision, review or
-- deletion may have removed the latest one): two probes of progress_report_latest_lead.
create function item_latest_report_refresh(y int, code text, week text) returns void
    language plpgsql as $$
begin
    delete from item_latest_report where plan_year = y and item_code = code;
    insert into item_latest_report (plan_year, item_code, report_id, reported_at)
    select r.plan_year, r.item_code, r.id, r.reported_at
    from progress_report r
    where r.item_code = code and r.plan_year = y
      and not r.retracted and r.verified and r.responsibility = 'LEAD'
    order by r.reported_at desc, r.id desc
    limit 1;
    delete from item_week_report where plan_year = y and period = week and item_code = code;
    insert into item_week_report (plan_year, period, item_code, report_id, reported_at)
    select r.plan_year, r.period, r.item_code, r.id, r.reported_at
    from progress_report r
    where r.item_code = code and r.plan_year = y and r.period = week
      and not r.retracted and r.verified and r.responsibility = 'LEAD'
    order by r.reported_at desc, r.id desc
    limit 1;
end;
$$;

create function item_latest_report_keep() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        -- the common path: a new report replaces the standing one only when it is later
        if new.verified and not new.retracted and new.responsibility = 'LEAD' then
            insert into item_latest_report as t (plan_year, item_code, report_id, reported_at)
            values (new.plan_year, new.item_code, new.id, new.reported_at)
            on conflict (plan_year, item_code) do update
                set report_id = excluded.report_id, reported_at = excluded.reported_at
                where (excluded.reported_at, excluded.report_id) > (t.reported_at, t.report_id);
            insert into item_week_report as t (plan_year, period, item_code, report_id, reported_at)
            values (new.plan_year, new.period, new.item_code, new.id, new.reported_at)
            on conflict (plan_year, period, item_code) do update
                set report_id = excluded.report_id, reported_at = excluded.reported_at
                where (excluded.reported_at, excluded.report_id) > (t.reported_at, t.report_id);
        end if;
        return null;
    end if;
    if tg_op = 'UPDATE' and (old.plan_year, old.item_code, old.period, old.retracted, old.verified,
            old.responsibility, old.reported_at)
            is not distinct from (new.plan_year, new.item_code, new.period, new.retracted,
            new.verified, new.responsibility, new.reported_at) then
        return null;
    end if;
    perform item_latest_report_refresh(old.plan_year, old.item_code, old.period);
    if tg_op = 'UPDATE' and (old.plan_year, old.item_code, old.period)
            is distinct from (new.plan_year, new.item_code, new.period) then
        perform item_latest_report_refresh(new.plan_year, new.item_code, new.period);
    end if;
    return null;
end;
$$;

create trigger progress_report_latest after insert or update or delete on progress_report
    for each row execute function item_latest_report_keep();

create function item_latest_report_clear() returns trigger language plpgsql as $$
begin
    truncate item_latest_report, item_week_report;
    return null;
end;
$$;

create trigger progress_report_latest_truncate after truncate on progress_report
    for each statement execute function item_latest_report_clear();

-- backfill from the reports already stored
insert into item_latest_report (plan_year, item_code, report_id, reported_at)
select distinct on (plan_year, item_code) plan_year, item_code, id, reported_at
from progress_report
where not retracted and verified and responsibility = 'LEAD'
order by plan_year, item_code, reported_at desc, id desc;

insert into item_week_report (plan_year, period, item_code, report_id, reported_at)
select distinct on (plan_year, period, item_code) plan_year, period, item_code, id, reported_at
from progress_report
where not retracted and verified and responsibility = 'LEAD'
order by plan_year, period, item_code, reported_at desc, id desc;
