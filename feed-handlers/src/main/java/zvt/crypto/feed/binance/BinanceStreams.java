package zvt.crypto.feed.binance;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Binance spot naming: normalized {@code BASE-QUOTE} symbols map to venue symbols {@code BASEQUOTE} (as in payload
 * field {@code s}) and to lowercase stream names ({@code basequote@trade}); combined-stream addresses carry the
 * streams in the URL ({@code /stream?streams=a/b}). Stateless and thread-safe.
 */
public final class BinanceStreams
{
    public static final String TRADE_SUFFIX = "@trade";
    public static final String COMBINED_PATH = "/stream";

    private BinanceStreams()
    {
    }

    /** {@code BTC-USDT} → {@code BTCUSDT}. */
    public static String venueSymbol(final String symbol)
    {
        final int dash = symbol.indexOf('-');
        if (dash <= 0 || dash == symbol.length() - 1 || symbol.indexOf('-', dash + 1) >= 0)
        {
            throw new IllegalArgumentException("symbol must be BASE-QUOTE, e.g. BTC-USDT: " + symbol);
        }
        return (symbol.substring(0, dash) + symbol.substring(dash + 1)).toUpperCase(Locale.ROOT);
    }

    /** {@code BTC-USDT} → {@code btcusdt@trade}. */
    public static String tradeStream(final String symbol)
    {
        return venueSymbol(symbol).toLowerCase(Locale.ROOT) + TRADE_SUFFIX;
    }

    /** {@code BTC-USDT}, {@code depth@100ms} → {@code btcusdt@depth@100ms}. */
    public static String stream(final String symbol, final String channel)
    {
        return venueSymbol(symbol).toLowerCase(Locale.ROOT) + "@" + channel;
    }

    /** A live subscribe request: {@code {"method":"SUBSCRIBE","params":["a","b"],"id":N}}. */
    public static String subscribeRequest(final List<String> streams, final long id)
    {
        return "{\"method\":\"SUBSCRIBE\",\"params\":[\"" + String.join("\",\"", streams) + "\"],\"id\":" + id + "}";
    }

    /**
     * @param webSocketUri base address, e.g. {@code wss://stream.binance.com:9443}; a trailing slash is ignored.
     * @param streams      stream names, e.g. {@code btcusdt@trade}.
     * @return {@code <base>/stream?streams=<s1>/<s2>/...}
     */
    public static URI combinedStreamUri(final String webSocketUri, final List<String> streams)
    {
        if (streams.isEmpty())
        {
            throw new IllegalArgumentException("a combined stream needs at least one stream name");
        }
        final String base = webSocketUri.endsWith("/") ?
            webSocketUri.substring(0, webSocketUri.length() - 1) : webSocketUri;
        return URI.create(base + COMBINED_PATH + "?streams=" + String.join("/", streams));
    }
}
