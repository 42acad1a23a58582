/**
 * Venue-agnostic sequencing and resync: the diff-depth sequencing rule ({@link
 * zvt.crypto.feed.sync.DiffDepthSequencer}), the backlog of frames kept while a snapshot is fetched
 * ({@link zvt.crypto.feed.sync.FrameStore}), publishing book levels as BookUpdate batches that fit ring slots
 * ({@link zvt.crypto.feed.sync.BookUpdatePublisher}) and the counters ({@link zvt.crypto.feed.sync.SyncCounters}).
 */
package zvt.crypto.feed.sync;
