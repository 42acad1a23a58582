/**
 * The one skeleton every journal sink runs on: read entries after the sink's checkpoint, batch them, commit the
 * batch with its checkpoint, back off when the destination fails, and report lag behind the journal
 * ({@link zvt.crypto.journal.sink.SinkTailer}). A sink ({@link zvt.crypto.journal.sink.JournalSink}) only encodes
 * entries and commits; it never sees Chronicle.
 */
package zvt.crypto.journal.sink;
