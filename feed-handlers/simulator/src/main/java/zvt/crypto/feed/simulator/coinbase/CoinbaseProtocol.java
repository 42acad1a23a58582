package zvt.crypto.feed.simulator.coinbase;

import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.simulator.SessionControl;
import zvt.crypto.feed.simulator.SimulatedInstrument;
import zvt.crypto.feed.simulator.SimulatedMarket;
import zvt.crypto.feed.simulator.StreamKind;
import zvt.crypto.feed.simulator.StreamRef;
import zvt.crypto.feed.simulator.VenueProtocol;
import zvt.crypto.feed.simulator.VenueRestApi;
import zvt.crypto.feed.simulator.VenueSession;
import zvt.crypto.feed.simulator.WireEncoder;
import zvt.crypto.feed.simulator.WireSink;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Coinbase Advanced Trade market data (PROTOCOLS.md §4.2) on {@code /}: channels {@code level2} (sent as
 * {@code l2_data}, snapshot then updates), {@code market_trades}, {@code ticker}, {@code candles} (5 minutes) and
 * {@code heartbeats}; {@code sequence_num} per connection, +1 for every message across channels. Inside the
 * simulator a stream is {@code <channel>:<product>}, e.g. {@code level2:BTC-USD}. REST here is the products list only
 * ({@link CoinbaseRestApi}; the kline backfill's REST simulator serves Coinbase's candles). Stateless.
 */
public final class CoinbaseProtocol implements VenueProtocol
{
    static final String LEVEL2 = "level2";
    static final String MARKET_TRADES = "market_trades";
    static final String TICKER = "ticker";
    static final String CANDLES = "candles";
    static final String HEARTBEATS = "heartbeats";
    static final long CANDLE_MS = TimeUnit.MINUTES.toMillis(5);

    static String streamName(final String channel, final String productId)
    {
        return channel + ":" + productId;
    }

    public String name()
    {
        return "coinbase";
    }

    public StreamRef parseStream(final String streamName)
    {
        final int colon = streamName.indexOf(':');
        if (colon <= 0 || colon == streamName.length() - 1)
        {
            return null;
        }
        final String product = streamName.substring(colon + 1);
        return switch (streamName.substring(0, colon))
        {
            case LEVEL2 -> StreamRef.of(product, StreamKind.DEPTH, 0);
            case MARKET_TRADES -> StreamRef.of(product, StreamKind.TRADE, 0);
            case TICKER -> StreamRef.of(product, StreamKind.TICKER, 0);
            case CANDLES -> StreamRef.candles(product, "FIVE_MINUTE", CANDLE_MS);
            default -> null;
        };
    }

    public WireEncoder newEncoder(
        final SimulatedInstrument instrument, final WireSink sink, final SimulatedMarket market)
    {
        return new CoinbaseWireEncoder(instrument.venueSymbol(), sink);
    }

    public VenueSession newSession(final SessionControl control)
    {
        return new CoinbaseSession(control, this);
    }

    public VenueRestApi newRestApi(final BinanceSimulatorContext context, final SimulatedMarket market)
    {
        return new CoinbaseRestApi(context);
    }

    public boolean serverPings()
    {
        return false;
    }

    /** Products (tick and lot sizes) are served on the same port. */
    public Map<String, String> feedSettings(final String webSocketUri, final String restUri)
    {
        return Map.of("ws.url", webSocketUri, "rest.url", restUri);
    }
}
