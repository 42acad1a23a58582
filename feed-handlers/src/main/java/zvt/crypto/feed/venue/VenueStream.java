package zvt.crypto.feed.venue;

/**
 * One subscription of one instrument on a venue: {@code btcusdt@depth@100ms} on Binance, {@code books:BTC-USDT} on
 * OKX, {@code orderbook.50.BTCUSDT} on Bybit, {@code level2:BTC-USD} on Coinbase.
 *
 * @param instrumentId the instrument it carries.
 * @param venueSymbol  the venue's spelling of the instrument.
 * @param channel      the configured channel it comes from (e.g. {@code depth@100ms}, {@code books}).
 * @param name         the venue's name of the stream or topic, as it is subscribed.
 * @param group        which kind of connection carries it (a venue-defined number: Bybit's spot and linear
 *                     endpoints, OKX's public and business ones); streams of different groups never share one.
 * @param book         true if it carries the instrument's order book (synchronized by the feed's book sync).
 */
public record VenueStream(int instrumentId, String venueSymbol, String channel, String name, int group, boolean book)
{
}
