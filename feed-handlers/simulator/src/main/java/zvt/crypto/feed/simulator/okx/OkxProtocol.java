package zvt.crypto.feed.simulator.okx;

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
 * OKX v5 public (PROTOCOLS.md §2): channels {@code trades}, {@code books} (snapshot then updates chained on
 * {@code prevSeqId}, CRC32 checksum), {@code bbo-tbt} and {@code tickers} on {@code /ws/v5/public}, {@code candle*}
 * on {@code /ws/v5/business}; text {@code ping}/{@code pong}; REST {@code /api/v5/market/books}. A stream is named
 * {@code <channel>:<instId>} inside the simulator, e.g. {@code books:BTC-USDT}. Stateless.
 */
public final class OkxProtocol implements VenueProtocol
{
    static final String TRADES = "trades";
    static final String BOOKS = "books";
    static final String BBO = "bbo-tbt";
    static final String TICKERS = "tickers";
    static final String CANDLE = "candle";

    /** The simulator's name of a channel's stream for one instrument. */
    public static String streamName(final String channel, final String instId)
    {
        return channel + ":" + instId;
    }

    public String name()
    {
        return "okx";
    }

    public StreamRef parseStream(final String streamName)
    {
        final int colon = streamName.indexOf(':');
        if (colon <= 0 || colon == streamName.length() - 1)
        {
            return null;
        }
        final String channel = streamName.substring(0, colon);
        final String instId = streamName.substring(colon + 1);
        return switch (channel)
        {
            case TRADES -> StreamRef.of(instId, StreamKind.TRADE, 0);
            case BOOKS -> StreamRef.of(instId, StreamKind.DEPTH, 0);
            case BBO -> StreamRef.of(instId, StreamKind.BOOK_TICKER, 0);
            case TICKERS -> StreamRef.of(instId, StreamKind.TICKER, 0);
            default -> candles(instId, channel);
        };
    }

    public WireEncoder newEncoder(
        final SimulatedInstrument instrument, final WireSink sink, final SimulatedMarket market)
    {
        return new OkxWireEncoder(instrument.venueSymbol(), sink, market);
    }

    public VenueSession newSession(final SessionControl control)
    {
        return new OkxSession(control, this);
    }

    public VenueRestApi newRestApi(final BinanceSimulatorContext context, final SimulatedMarket market)
    {
        return new OkxRestApi(context, market);
    }

    public boolean serverPings()
    {
        return false;
    }

    /** The public and business paths hang off the base; REST book snapshots are served here. */
    public Map<String, String> feedSettings(final String webSocketUri, final String restUri)
    {
        return Map.of("ws.url", webSocketUri, "rest.url", restUri);
    }

    /** True for channels served on {@code /ws/v5/business} only. */
    static boolean isBusinessChannel(final String channel)
    {
        return channel.startsWith(CANDLE);
    }

    private static StreamRef candles(final String instId, final String channel)
    {
        if (!channel.startsWith(CANDLE))
        {
            return null;
        }
        final String bar = channel.substring(CANDLE.length());
        final long millis = switch (bar)
        {
            case "1s" -> TimeUnit.SECONDS.toMillis(1);
            case "1m" -> TimeUnit.MINUTES.toMillis(1);
            case "3m" -> TimeUnit.MINUTES.toMillis(3);
            case "5m" -> TimeUnit.MINUTES.toMillis(5);
            case "15m" -> TimeUnit.MINUTES.toMillis(15);
            case "30m" -> TimeUnit.MINUTES.toMillis(30);
            case "1H" -> TimeUnit.HOURS.toMillis(1);
            case "4H" -> TimeUnit.HOURS.toMillis(4);
            case "1D" -> TimeUnit.DAYS.toMillis(1);
            default -> 0;
        };
        return millis == 0 ? null : StreamRef.candles(instId, bar, millis);
    }
}
