-- Seed for bench/pages.sh: the leaders' pages at province scale. The plan of DigestBench's seed
-- (src/test/resources/bench/digest-seed.sql: a 2024 plan of 10,000 items, 100 sections of 99
-- leaves, 1,000,000 reports over the 52 weeks of 2024) with 2,000 units instead of 200, each with a
-- group chat and a contact, eight leaders sharing the sections, and a few items closed.
-- Codes are computed rather than looked up, so the million reports take one pass.
truncate progress_report, plan, unit restart identity cascade;

insert into plan (year, title) values (2024, '2024年重点工作（基准）');

insert into plan_item (plan_id, code, parent_code, title, body, leaf, position)
select p.id, s::text, null, '第' || s || '部分 重点任务', '', false, (s - 1) * 100
from plan p, generate_series(1, 100) s;

insert into plan_item (plan_id, code, parent_code, title, body, leaf, position)
select p.id, s || '.' || l, s::text, '推进第' || s || '部分第' || l || '项工作任务落实', '', true,
       (s - 1) * 100 + l
from plan p, generate_series(1, 100) s, generate_series(1, 99) l;

insert into unit (code, name, kind, position) values ('leaders', '局领导班子', 'LEADERS', 0);
insert into unit (code, name, kind, position)
select 'u' || n, '单位' || n, 'DEPARTMENT', n from generate_series(1, 2000) n;

insert into group_chat (unit_code, platform, bot_id, chat_id, name)
values ('leaders', 'GENERIC', 'bench', 'g-leaders', '局领导督办群');
insert into group_chat (unit_code, platform, bot_id, chat_id, name)
select 'u' || n, 'GENERIC', 'bench', 'g-u' || n, '单位' || n || '群' from generate_series(1, 2000) n;
insert into contact (unit_code, name, platform, platform_user_id, role)
select 'u' || n, '联络员' || n, 'GENERIC', 'c' || n, 'CONTACT' from generate_series(1, 2000) n;

insert into assignment (item_id, lead_unit, deadline, leader)
select i.id, 'u' || (1 + i.position % 2000), date '2024-12-31',
       (array['张局长', '王副局长', '李副局长', '赵副局长', '刘副局长', '陈副局长', '杨副局长',
              '黄副局长'])[1 + (i.position / 100) % 8]
from plan_item i where i.leaf;
insert into milestone (item_id, due, percent, note)
select i.id, date '2024-06-30', 50, '过半' from plan_item i where i.leaf;

-- Report n is on leaf n % 9900, made at a moment of 2024 that grows with n; statuses mostly in
-- progress, some delayed, blocked or done, percent rising through the year.
insert into progress_report (plan_year, item_code, unit_code, platform, sender_id, status, percent,
                             reason, text, period, late, verified, created_at)
select 2024, l.code, l.lead, 'GENERIC', 'c' || (1 + l.pos % 2000), r.status,
       least(100, r.week * 2), case when r.status = 'BLOCKED' then '用地指标未落实' end,
       l.code || ' 本周推进顺利，已完成阶段性工作，进度' || least(100, r.week * 2) || '%',
       to_char(r.at at time zone 'Asia/Shanghai', 'IYYY-"W"IW'), false, true, r.at
from generate_series(0, 999999) n
cross join lateral (
    select timestamptz '2024-01-01 00:00+08' + (n * (interval '363 days' / 1000000)) as at,
           1 + n / 19231 as week,
           case when n % 97 = 0 then 'BLOCKED' when n % 31 = 0 then 'DELAYED'
                when n % 113 = 0 then 'DONE' else 'IN_PROGRESS' end as status) r
cross join lateral (
    select s || '.' || l as code, (s - 1) * 100 + l as pos,
           'u' || (1 + ((s - 1) * 100 + l) % 2000) as lead
    from (select 1 + (n % 9900) / 99 as s, 1 + (n % 9900) % 99 as l) sl) l;

-- The million reports above are one statement, so each of their updates of item_latest_report
-- (V33's trigger) leaves a dead row version no page pruning can remove before the statement ends:
-- 9,900 rows on 7,386 pages, and the board's sequential scan of them took 17-53 ms. Reports that
-- arrive one transaction at a time, as in a bureau, do not bloat it: 100,000 such updates of a copy
-- at V33's fillfactor 50 were all HOT and left it at its 148 pages (bench/results/2026-12-03-board-2.md).
vacuum full item_latest_report, item_week_report;
vacuum analyze;
