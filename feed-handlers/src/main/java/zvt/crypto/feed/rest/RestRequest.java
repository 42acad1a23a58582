package zvt.crypto.feed.rest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One GET request: a base address ({@code https://api.binance.com} or {@code http://127.0.0.1:port}), a path, query
 * parameters in the order given, extra headers, and its weight in the venue's rate-limit budget (Binance counts
 * {@code /api/v3/klines} as 2, {@code /api/v3/depth?limit=1000} as 50; venues that count requests use 1).
 * <p>
 * Built fluently on one thread, then immutable in practice: the client only reads it, so a built request may be
 * sent again (each retry sends the same request).
 */
public final class RestRequest
{
    private final String baseUri;
    private final String path;
    private final StringBuilder query = new StringBuilder();
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private int weight = 1;

    private RestRequest(final String baseUri, final String path)
    {
        this.baseUri = baseUri.endsWith("/") ? baseUri.substring(0, baseUri.length() - 1) : baseUri;
        this.path = path.startsWith("/") ? path : "/" + path;
    }

    /**
     * @param baseUri scheme, host and optional port (and optional path prefix), e.g. {@code https://api.bybit.com}.
     * @param path    the endpoint path, e.g. {@code /v5/market/kline}; already URL-safe.
     */
    public static RestRequest get(final String baseUri, final String path)
    {
        return new RestRequest(baseUri, path);
    }

    /** Appends a query parameter; name and value are URL-encoded. */
    public RestRequest query(final String name, final String value)
    {
        query.append(query.isEmpty() ? '?' : '&')
            .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
            .append('=')
            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        return this;
    }

    public RestRequest query(final String name, final long value)
    {
        return query(name, Long.toString(value));
    }

    /** Adds a request header (sent as given; {@code Host}, {@code Accept-Encoding} and {@code Connection} are set). */
    public RestRequest header(final String name, final String value)
    {
        headers.add(Map.entry(name, value));
        return this;
    }

    /** Cost of this request in the venue's weight budget; 1 by default. */
    public RestRequest weight(final int weight)
    {
        if (weight < 0)
        {
            throw new IllegalArgumentException("weight must not be negative: " + weight);
        }
        this.weight = weight;
        return this;
    }

    public int weight()
    {
        return weight;
    }

    public List<Map.Entry<String, String>> headers()
    {
        return List.copyOf(headers);
    }

    /** Path plus query string as sent in the request line. */
    public String pathAndQuery()
    {
        final String prefix = URI.create(baseUri).getRawPath();
        return (prefix == null ? "" : prefix) + path + query;
    }

    /** The full address, for logs and errors. */
    public URI uri()
    {
        return URI.create(baseUri + path + query);
    }

    public String toString()
    {
        return "GET " + uri();
    }
}
