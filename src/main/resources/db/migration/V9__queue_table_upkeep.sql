-- inbound_message and outbox_message work as queues: every row is inserted, updated once or twice
-- and then left alone, and delivery_permit is deleted as fast as it grows. Autovacuum's defaults
-- wait for a fifth of a table to be dead before cleaning it; on a table of millions of rows that
-- leaves hundreds of thousands of dead entries in the partial "due" indexes that every claim walks.
-- Clean and re-plan these tables after a small share of changes instead.
ALTER TABLE inbound_message SET (autovacuum_vacuum_scale_factor = 0.01,
                                 autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE outbox_message SET (autovacuum_vacuum_scale_factor = 0.01,
                                autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE delivery_permit SET (autovacuum_vacuum_scale_factor = 0.01,
                                 autovacuum_analyze_scale_factor = 0.02);
