-- A report's one instant, its lateness words and the sender's responsibility for its item
-- (issue 14). Owned by the report feature.

-- reported_at: the platform's send time bounded by the receive time (see ReportTime); the
-- reporting week, lateness and "latest report" are all taken from it. Rows written before this
-- migration, or by a writer that does not know the column, take their storage time.
alter table progress_report add column reported_at timestamptz;
-- An older row's period came from the send time and its "latest" from the storage time; its one
-- instant is the storage time kept inside its period's week (Asia/Shanghai), so the two agree.
update progress_report set reported_at = least(
    greatest(created_at, to_date(period, 'IYYY-"W"IW')::timestamp at time zone 'Asia/Shanghai'),
    (to_date(period, 'IYYY-"W"IW') + 7)::timestamp at time zone 'Asia/Shanghai' - interval '1 second');
alter table progress_report alter column reported_at set not null;

create function progress_report_reported_at() returns trigger language plpgsql as $$
begin
    if new.reported_at is null then
        new.reported_at := new.created_at;
    end if;
    return new;
end $$;

create trigger progress_report_reported_at before insert on progress_report
    for each row execute function progress_report_reported_at();

create index progress_report_item_reported on progress_report (item_code, reported_at desc);

-- late used to mean "after the item's deadline"; that is now overdue (已逾期). late now means
-- 迟报: made after the week's due time (default Thursday 15:00 in Asia/Shanghai, which is what
-- rows before this migration are judged by).
alter table progress_report rename column late to overdue;
alter table progress_report add column late boolean not null default false;
update progress_report set late = reported_at >
    ((date_trunc('week', reported_at at time zone 'Asia/Shanghai') + interval '3 days 15 hours')
        at time zone 'Asia/Shanghai');

-- The sender's unit's responsibility for the item when it reported: LEAD (牵头), SUPPORT (配合) or
-- NONE (not responsible, or no unit: an unregistered sender).
alter table progress_report add column responsibility text not null default 'LEAD'
    check (responsibility in ('LEAD', 'SUPPORT', 'NONE'));
update progress_report r set responsibility = 'NONE' where r.unit_code is null;
update progress_report r set responsibility = case
        when a.lead_unit = r.unit_code then 'LEAD'
        when exists (select 1 from assignment_support s
                     where s.item_id = a.item_id and s.unit_code = r.unit_code) then 'SUPPORT'
        else 'NONE' end
    from plan_item i join plan p on p.id = i.plan_id join assignment a on a.item_id = i.id
    where r.unit_code is not null and i.code = r.item_code and p.year = r.plan_year;

-- Who accepted (verified), rejected or moved a report from the review queue, and when.
alter table progress_report add column reviewed_by text;
alter table progress_report add column reviewed_at timestamptz;
