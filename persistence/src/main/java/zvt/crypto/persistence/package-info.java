/**
 * Durable and queryable state, every writer a tailer that cannot hold up the ring: the sink skeleton
 * ({@link zvt.crypto.persistence.sink}), the TimescaleDB/PostgreSQL COPY writer with its exactly-once checkpoint
 * ({@link zvt.crypto.persistence.writer}), Redis's state hashes and venue streams ({@link zvt.crypto.persistence.redis}),
 * schema and migrations, historical backfill, and the REST API's queries.
 */
package zvt.crypto.persistence;
