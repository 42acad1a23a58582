package zvt.crypto.feed.simulator.bybit;

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

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Bybit v5 public, spot and linear (PROTOCOLS.md §3): {@code /v5/public/spot} and {@code /v5/public/linear}; topics
 * {@code publicTrade.<s>}, {@code orderbook.{1,50,200}.<s>}, {@code tickers.<s>}, {@code kline.<interval>.<s>};
 * {@code {"op":"ping"}} answered pong; REST here is instruments-info only ({@link BybitRestApi}; the kline
 * backfill's REST simulator serves Bybit's klines).
 * The two categories are separate markets: inside the simulator a stream is {@code <category>:<topic>} (e.g.
 * {@code linear:orderbook.50.BTCUSDT}) and its symbol {@code LINEAR:BTCUSDT}, which is also the name to query the
 * ground truth with. One per simulator: it keeps each symbol's encoder for {@link #seqOf}.
 */
public final class BybitProtocol implements VenueProtocol
{
    public static final String SPOT = "spot";
    public static final String LINEAR = "linear";

    private final Map<String, BybitWireEncoder> encoders = new ConcurrentHashMap<>();

    /** The simulator's market symbol of a category's symbol, e.g. {@code LINEAR:BTCUSDT}. */
    public static String marketSymbol(final String category, final String symbol)
    {
        return category.toUpperCase(Locale.ROOT) + ":" + symbol.toUpperCase(Locale.ROOT);
    }

    public String name()
    {
        return "bybit";
    }

    public StreamRef parseStream(final String streamName)
    {
        final int colon = streamName.indexOf(':');
        if (colon <= 0)
        {
            return null;
        }
        final String category = streamName.substring(0, colon);
        final String[] parts = streamName.substring(colon + 1).split("\\.");
        if (!SPOT.equals(category) && !LINEAR.equals(category) || parts.length < 2)
        {
            return null;
        }
        final String symbol = marketSymbol(category, parts[parts.length - 1]);
        return switch (parts[0])
        {
            case "publicTrade" -> parts.length == 2 ? StreamRef.of(symbol, StreamKind.TRADE, 0) : null;
            case "tickers" -> parts.length == 2 ? StreamRef.of(symbol, StreamKind.TICKER, 0) : null;
            case "orderbook" -> parts.length == 3 ? book(symbol, parts[1]) : null;
            case "kline" -> parts.length == 3 ? candles(symbol, parts[1]) : null;
            default -> null;
        };
    }

    public WireEncoder newEncoder(
        final SimulatedInstrument instrument, final WireSink sink, final SimulatedMarket market)
    {
        final BybitWireEncoder encoder = new BybitWireEncoder(instrument.venueSymbol(), sink);
        encoders.put(instrument.venueSymbol(), encoder);
        return encoder;
    }

    /**
     * The {@code seq} of a recent {@code orderbook.50/200} message by its {@code u}, which is all a feed's book keeps:
     * the id to ask {@code groundTruthAt} with. -1 if the symbol has no market yet, or the id is unsent or too old.
     * Any thread.
     *
     * @param marketSymbol e.g. {@code LINEAR:BTCUSDT} ({@link #marketSymbol}).
     */
    public long seqOf(final String marketSymbol, final long updateId)
    {
        final BybitWireEncoder encoder = encoders.get(marketSymbol);
        return encoder == null ? -1 : encoder.seqOf(updateId);
    }

    public VenueSession newSession(final SessionControl control)
    {
        return new BybitSession(control, this);
    }

    public VenueRestApi newRestApi(final BinanceSimulatorContext context, final SimulatedMarket market)
    {
        return new BybitRestApi(context);
    }

    public boolean serverPings()
    {
        return false;
    }

    /** The category paths hang off {@code /v5/public}; instruments-info is served on the same port. */
    public Map<String, String> feedSettings(final String webSocketUri, final String restUri)
    {
        return Map.of("ws.url", webSocketUri + "/v5/public", "rest.url", restUri);
    }

    /** Depth 1 is a top-of-book snapshot stream; 50 and 200 are snapshot-then-delta books. */
    private static StreamRef book(final String symbol, final String depth)
    {
        return switch (depth)
        {
            case "1" -> StreamRef.of(symbol, StreamKind.BOOK_TICKER, 1);
            case "50" -> StreamRef.of(symbol, StreamKind.DEPTH, 50);
            case "200" -> StreamRef.of(symbol, StreamKind.DEPTH, 200);
            default -> null;
        };
    }

    private static StreamRef candles(final String symbol, final String interval)
    {
        final long millis = switch (interval)
        {
            case "1", "3", "5", "15", "30", "60", "120", "240", "360", "720" ->
                TimeUnit.MINUTES.toMillis(Long.parseLong(interval));
            case "D" -> TimeUnit.DAYS.toMillis(1);
            default -> 0;
        };
        return millis == 0 ? null : StreamRef.candles(symbol, interval, millis);
    }
}
