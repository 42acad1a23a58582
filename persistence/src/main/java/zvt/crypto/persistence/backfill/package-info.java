/**
 * Historical backfill, the platform's crypto-data-loader: {@link zvt.crypto.persistence.backfill.BackfillLoader}
 * pages through a venue's REST klines and journals them as Candle events with source REST, through the ring into
 * the journal, so the database writer persists them by the one path every event takes. It resumes after the last
 * REST candle already journaled for the same venue, symbol and interval.
 */
package zvt.crypto.persistence.backfill;
