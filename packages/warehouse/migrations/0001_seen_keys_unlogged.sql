-- dw_etl_seen_keys is scratch data for deletion detection: the keys a snapshot run has seen, read
-- once by markMissingAsDeleted and then deleted. UNLOGGED keeps it out of the WAL, so tracking
-- keys during an unchanged reload writes nothing durable. Drizzle cannot declare UNLOGGED.
-- After a server crash PostgreSQL empties unlogged tables; markMissingAsDeleted refuses to run
-- for a run that started before the server (re)started (SeenKeysLostError).
ALTER TABLE "dw_etl_seen_keys" SET UNLOGGED;
