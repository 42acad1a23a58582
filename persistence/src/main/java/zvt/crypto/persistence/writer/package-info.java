/**
 * The database writer: a journal tailer on its own thread that COPYs trades, candles, book snapshots and
 * instruments into PostgreSQL/TimescaleDB in batches, each committed with the journal index it reached, so rows
 * equal the journal's events exactly once across crashes and outages.
 */
package zvt.crypto.persistence.writer;
