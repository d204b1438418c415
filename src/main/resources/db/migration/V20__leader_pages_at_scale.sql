-- The leaders' pages at a province's scale (10,000 items, 2,000 units, a million reports).

-- Each item's latest report that counts, as the board, the ledger and the digest read it (one probe
-- per item, ReportRepository.latestPerItemBefore): the index holds only reports that count and is
-- ordered as the query's "order by reported_at desc, id desc limit 1", so a probe reads one entry.
create index progress_report_latest_lead on progress_report (item_code, plan_year, reported_at desc, id desc)
    where not retracted and verified and responsibility = 'LEAD';

-- 报送情况: per unit and week, which items the unit reported on as lead unit, and on time
-- (ReportRepository.unitWeeks), read from the index alone once the table is vacuumed.
create index progress_report_lead_period on progress_report (period, unit_code, item_code) include (late)
    where not retracted and verified and responsibility = 'LEAD';
