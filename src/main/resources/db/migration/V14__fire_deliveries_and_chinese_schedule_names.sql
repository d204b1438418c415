-- Schedule (owner: schedule): a fire keeps the dedupe keys of the outbox messages it queued, so its
-- history can ask delivery what came of them (sent, waiting, failed) instead of calling queued sent.
ALTER TABLE schedule_fire ADD COLUMN dedupe_keys TEXT[] NOT NULL DEFAULT '{}';

-- The default schedules were seeded with English names; people read them, so they are Chinese now.
-- A name an admin chose is left alone, and so is one whose Chinese name is taken.
UPDATE schedule SET name = '每周报送提醒'
 WHERE name = 'weekly-reminder' AND NOT EXISTS (SELECT 1 FROM schedule WHERE name = '每周报送提醒');
UPDATE schedule SET name = '每周催办'
 WHERE name = 'weekly-escalation' AND NOT EXISTS (SELECT 1 FROM schedule WHERE name = '每周催办');
UPDATE schedule SET name = '领导周报'
 WHERE name = 'weekly-digest' AND NOT EXISTS (SELECT 1 FROM schedule WHERE name = '领导周报');
