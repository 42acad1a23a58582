/**
 * Journal reads sent to one session's socket, on threads of their own
 * ({@link zvt.crypto.gateway.replay.JournalReplays}), never the ring's nor an event loop's:
 * {@link zvt.crypto.gateway.replay.ResumeReplay} sends what a resuming client missed and hands it to the fan-out
 * exactly after the entry it sent last; {@link zvt.crypto.gateway.replay.RangeReplay} streams a time range at a
 * chosen speed. Both render what they read as the live stream does, and go as fast as the client reads.
 */
package zvt.crypto.gateway.replay;
