/**
 * Chronicle Queue journal, the source of truth: appender (first ring consumer), tailers from an index or a time, replay by time range, venue, instrument and event type, and inspection.
 */
package zvt.crypto.journal;
