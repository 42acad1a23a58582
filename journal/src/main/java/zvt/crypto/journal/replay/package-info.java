/**
 * Replay of a journal range to a listener: filtered by receive-time range, venue, instrument and event type without
 * decoding ({@link zvt.crypto.journal.replay.ReplayFilter}), at full speed or at the recorded pace times a factor
 * ({@link zvt.crypto.journal.replay.JournalReplayer}).
 */
package zvt.crypto.journal.replay;
