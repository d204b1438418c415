-- 督查通报 issues: a period (an ISO week such as 2024-W23, or a range of days 2024-06-01..2024-06-30
-- asked for on demand) gets its 第N期 once, numbered within its year in the order first issued;
-- asking for the same period again gives the same number. The days are kept so the next issue can
-- say what changed since this one.
create table bulletin_issue (
    period    text        primary key,
    year      int         not null,
    number    int         not null check (number > 0),
    from_day  date        not null,
    to_day    date        not null check (to_day >= from_day),
    issued_at timestamptz not null,
    unique (year, number)
);
