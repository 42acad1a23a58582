/**
 * Stage 2b, durable and queryable state: the TimescaleDB/PostgreSQL COPY writer tailing the journal with an exactly-once checkpoint, candle roll-ups, historical backfill, queries, and the conflating Redis writer. Built in step 4.
 */
package zvt.crypto.persistence;
