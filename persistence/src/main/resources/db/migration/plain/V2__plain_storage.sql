-- Plain PostgreSQL: ordinary tables; the writer maintains the 5m/15m/1h/1d roll-ups of trade-built candles in the
-- same transaction as the 1m rows. Retention and compression are left to the operator (pg_dump + DELETE by time).
INSERT INTO zvt_storage_info (id, storage_path) VALUES (1, 'plain');
