/**
 * Venue-agnostic sequencing and resync: the diff-depth sequencing rule ({@link
 * zvt.crypto.feed.book.DiffDepthSequencer}), the backlog of frames kept while a snapshot is fetched
 * ({@link zvt.crypto.feed.book.FrameStore}), publishing book levels as BookUpdate batches that fit ring slots
 * ({@link zvt.crypto.feed.book.BookUpdatePublisher}) and the counters ({@link zvt.crypto.feed.book.SyncCounters}).
 */
package zvt.crypto.feed.book;
