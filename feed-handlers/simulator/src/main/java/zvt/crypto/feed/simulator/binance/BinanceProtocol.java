package zvt.crypto.feed.simulator.binance;

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

/**
 * Binance spot (PROTOCOLS.md §1): streams {@code <symbol>@trade}, {@code @aggTrade}, {@code @bookTicker},
 * {@code @depth[@100ms|@1000ms]} and {@code @kline_<interval>} on {@code /stream?streams=} (combined) and
 * {@code /ws/} (raw); server ping frames; REST depth, exchangeInfo and klines. Stateless.
 */
public final class BinanceProtocol implements VenueProtocol
{
    public String name()
    {
        return "binance";
    }

    public StreamRef parseStream(final String streamName)
    {
        final int at = streamName.indexOf('@');
        if (at <= 0)
        {
            return null;
        }
        final String symbol = streamName.substring(0, at).toUpperCase(Locale.ROOT);
        final String rest = streamName.substring(at + 1);
        return switch (rest)
        {
            case "trade" -> StreamRef.of(symbol, StreamKind.TRADE, 0);
            case "aggTrade" -> StreamRef.of(symbol, StreamKind.AGG_TRADE, 0);
            case "bookTicker" -> StreamRef.of(symbol, StreamKind.BOOK_TICKER, 0);
            case "depth", "depth@100ms", "depth@1000ms" -> StreamRef.of(symbol, StreamKind.DEPTH, 0);
            default -> candles(symbol, rest);
        };
    }

    public WireEncoder newEncoder(
        final SimulatedInstrument instrument, final WireSink sink, final SimulatedMarket market)
    {
        return new BinanceWireEncoder(instrument.venueSymbol(), sink);
    }

    public VenueSession newSession(final SessionControl control)
    {
        return new BinanceSession(control);
    }

    public VenueRestApi newRestApi(final BinanceSimulatorContext context, final SimulatedMarket market)
    {
        return new BinanceRestApi(context, market);
    }

    public boolean serverPings()
    {
        return true;
    }

    /** Spot and USD-M perpetual addresses both point here (the simulator serves one market per symbol name). */
    public Map<String, String> feedSettings(final String webSocketUri, final String restUri)
    {
        return Map.of(
            "ws.url", webSocketUri, "rest.url", restUri, "perp.ws.url", webSocketUri, "perp.rest.url", restUri);
    }

    private static StreamRef candles(final String symbol, final String rest)
    {
        if (!rest.startsWith("kline_"))
        {
            return null;
        }
        final String interval = rest.substring("kline_".length());
        final long millis = KlineInterval.millisOrZero(interval);
        return millis == 0 ? null : StreamRef.candles(symbol, interval, millis);
    }
}
