package zvt.crypto.feed.venue;

/**
 * A venue's limits on one WebSocket connection, which the feed runner shards and paces by.
 *
 * @param maxStreamsPerConnection  Binance 1,024 streams; the others by total argument length, kept well below.
 * @param controlMessagesPerSecond client messages per second the venue accepts on a connection (keep one spare).
 * @param streamsPerSubscribe      streams named in one subscribe message (Bybit spot: 10; Coinbase: the streams
 *                                 of one channel, one channel per message).
 */
public record ConnectionLimits(int maxStreamsPerConnection, int controlMessagesPerSecond, int streamsPerSubscribe)
{
}
