package zvt.crypto.feed.simulator.rest;

import io.netty.handler.codec.http.QueryStringDecoder;
import zvt.crypto.core.codec.CandleInterval;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static zvt.crypto.feed.simulator.rest.KlineRouteSupport.param;

/**
 * Coinbase Exchange {@code GET /products/{id}/candles} over a {@link SyntheticCandleMarket}: {@code granularity}
 * (60, 300, 900, 3600, 21600, 86400 s), {@code start}/{@code end} (ISO-8601 or epoch seconds, inclusive), at most
 * 300 candles per request (a longer range is refused with 400 as Coinbase does); rows {@code [time, low, high, open,
 * close, volume]} as JSON numbers, newest first; unknown product 404 {@code {"message":"NotFound"}}.
 * Mount it with {@link #PATH_PREFIX} as a prefix route: {@link RestSimulatorContext#route} matches exact paths, so
 * mount one route per product path ({@link #path(String)}).
 */
public final class CoinbaseCandlesRoute implements RestRoute
{
    public static final String PATH_PREFIX = "/products/";
    private static final int MAX_CANDLES = 300;

    private final SyntheticCandleMarket market;
    private final String productId;

    public CoinbaseCandlesRoute(final SyntheticCandleMarket market, final String productId)
    {
        this.market = market;
        this.productId = productId;
    }

    /** The path to mount this product's route at, e.g. {@code /products/BTC-USD/candles}. */
    public static String path(final String productId)
    {
        return PATH_PREFIX + productId + "/candles";
    }

    public SimulatedReply handle(final QueryStringDecoder query)
    {
        final String granularityText = param(query, "granularity");
        final CandleInterval interval = granularityText == null ? null : switch (granularityText)
        {
            case "60" -> CandleInterval.M1;
            case "300" -> CandleInterval.M5;
            case "900" -> CandleInterval.M15;
            case "3600" -> CandleInterval.H1;
            case "21600" -> CandleInterval.H6;
            case "86400" -> CandleInterval.D1;
            default -> null;
        };
        if (interval == null)
        {
            return SimulatedReply.json(400, "{\"message\":\"Unsupported granularity\"}");
        }
        final long granularityMs = Long.parseLong(granularityText) * 1_000;
        final long endMs = param(query, "end") == null ? market.nowMs() : timeMs(param(query, "end"));
        final long startMs = param(query, "start") == null ? endMs - granularityMs * (MAX_CANDLES - 1) :
            timeMs(param(query, "start"));
        if ((endMs - startMs) / granularityMs + 1 > MAX_CANDLES)
        {
            return SimulatedReply.json(400, "{\"message\":\"granularity too small for the requested time range. " +
                "Count of aggregations requested exceeds 300\"}");
        }
        final List<SyntheticCandle> candles = market.select(productId, interval, startMs, endMs, MAX_CANDLES, false);
        final StringBuilder json = new StringBuilder(candles.size() * 80).append('[');
        for (int i = 0; i < candles.size(); i++)
        {
            final SyntheticCandle c = candles.get(i);
            json.append(i == 0 ? "[" : ",[").append(c.openTimeMs() / 1_000).append(',').append(c.low().toPlainString())
                .append(',').append(c.high().toPlainString()).append(',').append(c.open().toPlainString())
                .append(',').append(c.close().toPlainString()).append(',').append(c.volume().toPlainString())
                .append(']');
        }
        return SimulatedReply.ok(json.append(']').toString());
    }

    private static long timeMs(final String value)
    {
        return Character.isDigit(value.charAt(0)) && !value.contains("-") ?
            Long.parseLong(value) * 1_000 : Instant.parse(value).toEpochMilli();
    }
}
