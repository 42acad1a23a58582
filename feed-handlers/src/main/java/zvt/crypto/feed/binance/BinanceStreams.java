package zvt.crypto.feed.binance;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Binance naming: venue symbols {@code BTCUSDT} (as in payload field {@code s}) give lowercase stream names
 * ({@code btcusdt@trade}); combined-stream addresses carry streams in the URL ({@code /stream?streams=a/b}); live
 * requests subscribe more. Stateless and thread-safe.
 */
public final class BinanceStreams
{
    public static final String COMBINED_PATH = "/stream";

    private BinanceStreams()
    {
    }

    /** {@code BTCUSDT}, {@code depth@100ms} → {@code btcusdt@depth@100ms}. */
    public static String stream(final String venueSymbol, final String channel)
    {
        return venueSymbol.toLowerCase(Locale.ROOT) + "@" + channel;
    }

    /** A live control request: {@code {"method":"SUBSCRIBE","params":["a","b"],"id":N}}. */
    public static String request(final String method, final List<String> streams, final long id)
    {
        return "{\"method\":\"" + method + "\",\"params\":[\"" + String.join("\",\"", streams) + "\"],\"id\":" + id +
            "}";
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
