/**
 * The one skeleton every journal sink runs on: read entries after the sink's checkpoint, batch them, commit the
 * batch with its checkpoint, back off when the destination fails, and report lag behind the journal
 * ({@link zvt.crypto.persistence.sink.SinkTailer}). A sink ({@link zvt.crypto.persistence.sink.JournalSink}) only
 * encodes entries and commits; it reads through the journal's API ({@link zvt.crypto.journal.JournalReader}) and
 * never sees Chronicle. The database writer and the Redis streams are such sinks.
 */
package zvt.crypto.persistence.sink;
