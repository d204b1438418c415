-- How many times in a row a message only the holder of its bot's long connection can send found no
-- instance holding that connection: its next try waits longer with each (capped), and a connection
-- opening sets it back to 0 and makes the message due at once.
ALTER TABLE outbox_message ADD COLUMN elsewhere_bounces INT NOT NULL DEFAULT 0;
