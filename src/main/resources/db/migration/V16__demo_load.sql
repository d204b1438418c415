-- Owned by the demo module: whether the first-run demo has been loaded into this database.
create table demo_load (
    name       text primary key,
    claimed_at timestamptz not null,
    loaded_at  timestamptz,
    reports    integer
);
