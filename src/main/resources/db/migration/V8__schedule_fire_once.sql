-- A scheduled fire is recorded once. An instance killed while recording a fire can leave its
-- INSERT waiting in PostgreSQL, where it still commits, while the instance that recovers the fire
-- (Quartz cluster recovery) records it too. Earlier duplicates keep their first row.
DELETE FROM schedule_fire later
 USING schedule_fire first
 WHERE later.trigger = 'SCHEDULED'
   AND first.trigger = 'SCHEDULED'
   AND later.schedule_id = first.schedule_id
   AND later.planned_at = first.planned_at
   AND later.id > first.id;

CREATE UNIQUE INDEX schedule_fire_once ON schedule_fire (schedule_id, planned_at)
    WHERE trigger = 'SCHEDULED';
