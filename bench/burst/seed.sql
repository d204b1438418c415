-- Seed for bench/burst.sh: a plan of the current year with one reportable item per unit (sections
-- of 100 leaves), :units units, each with a contact and a place in one of :groups WeCom group chats
-- (group g is robot<g>'s, chat wrkBurst<g>; unit n sits in group (n - 1) % :groups), leading its
-- item; no report yet this week, so the reminder names every unit.
truncate progress_report, plan, unit restart identity cascade;

insert into plan (year, title)
values (extract(year from now() at time zone 'Asia/Shanghai')::int, '年度重点工作（截止前突发基准）');

insert into plan_item (plan_id, code, parent_code, title, body, leaf, position)
select p.id, s::text, null, '第' || s || '部分 重点任务', '', false, (s - 1) * 101
from plan p, generate_series(1, (:units + 99) / 100) s;

insert into plan_item (plan_id, code, parent_code, title, body, leaf, position)
select p.id, ((n - 1) / 100 + 1) || '.' || ((n - 1) % 100 + 1), ((n - 1) / 100 + 1)::text,
       '推进第' || n || '项工作任务落实', '', true, ((n - 1) / 100) * 101 + (n - 1) % 100 + 1
from plan p, generate_series(1, :units) n;

insert into unit (code, name, kind, position)
select 'u' || n, '单位' || n, 'DEPARTMENT', n from generate_series(1, :units) n;

insert into group_chat (unit_code, platform, bot_id, chat_id, name)
select 'u' || n, 'WECOM', 'robot' || ((n - 1) % :groups), 'wrkBurst' || ((n - 1) % :groups),
       '督办工作群' || ((n - 1) % :groups)
from generate_series(1, :units) n;

insert into contact (unit_code, name, platform, platform_user_id, role)
select 'u' || n, '联络员' || n, 'WECOM', 'c' || n, 'CONTACT' from generate_series(1, :units) n;

insert into assignment (item_id, lead_unit, deadline, leader)
select i.id, 'u' || ((split_part(i.code, '.', 1)::int - 1) * 100 + split_part(i.code, '.', 2)::int),
       (date_trunc('year', now()) + interval '1 year - 1 day')::date, '张局长'
from plan_item i where i.leaf;

vacuum analyze;
