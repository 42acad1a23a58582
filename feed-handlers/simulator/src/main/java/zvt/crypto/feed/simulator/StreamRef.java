package zvt.crypto.feed.simulator;

/**
 * What a venue's stream name means to the market: the symbol in the venue's spelling, the kind of messages, the
 * venue's sub-stream and, for candles, the interval.
 *
 * @param venueSymbol e.g. {@code BTCUSDT}, {@code BTC-USDT-SWAP}, {@code BTC-USD}.
 * @param kind        the kind of messages the stream carries.
 * @param variant     the venue's sub-stream (Bybit's book depth, ...); 0 where the venue has none.
 * @param interval    the candle interval in the venue's spelling ({@code 1m}, {@code 1}, ...), or null.
 * @param intervalMs  the candle interval's length, 0 if not a candle stream.
 */
public record StreamRef(String venueSymbol, StreamKind kind, int variant, String interval, long intervalMs)
{
    public static StreamRef of(final String venueSymbol, final StreamKind kind, final int variant)
    {
        return new StreamRef(venueSymbol, kind, variant, null, 0);
    }

    public static StreamRef candles(final String venueSymbol, final String interval, final long intervalMs)
    {
        return new StreamRef(venueSymbol, StreamKind.KLINE, 0, interval, intervalMs);
    }
}
