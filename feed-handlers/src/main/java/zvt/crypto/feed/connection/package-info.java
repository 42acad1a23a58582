/**
 * The venue-neutral side of a feed: one Netty WebSocket client connection per venue feed ({@link
 * zvt.crypto.feed.connection.FeedConnection}) with TLS, heartbeat replies, idle watchdog and reconnect with backoff;
 * the {@link zvt.crypto.feed.connection.FrameAdapter} contract every venue decoder implements; the feed's counters
 * and its once-per-reason log of rejected frames.
 */
package zvt.crypto.feed.connection;
