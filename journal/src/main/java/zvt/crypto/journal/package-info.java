/**
 * Chronicle Queue journal, the source of truth: the appender that is the ring's first consumer
 * ({@link zvt.crypto.journal.JournalEventHandler}), zero-copy readers from the start, an index or a receive time
 * ({@link zvt.crypto.journal.JournalReader}), the instruments a journal describes
 * ({@link zvt.crypto.journal.JournalInstruments}) and inspection ({@link zvt.crypto.journal.JournalStats}).
 * Replay by time range, venue, instrument and event type lives in {@link zvt.crypto.journal.replay}.
 * <p>
 * Every journal entry is one Chronicle data document holding exactly the SBE bytes of one ring slot.
 */
package zvt.crypto.journal;
