package zvt.crypto.feed.simulator.rest;

import io.netty.handler.codec.http.QueryStringDecoder;
import zvt.crypto.core.codec.CandleInterval;

import java.util.List;
import java.util.Set;

import static zvt.crypto.feed.simulator.rest.KlineRouteSupport.longParam;
import static zvt.crypto.feed.simulator.rest.KlineRouteSupport.param;
import static zvt.crypto.feed.simulator.rest.KlineRouteSupport.quote;

/**
 * OKX {@code GET /api/v5/market/history-candles} (and {@code /candles}) over a {@link SyntheticCandleMarket}:
 * {@code instId}, {@code bar}, {@code after} (older than, exclusive), {@code before} (newer than, exclusive),
 * {@code limit} (max 100, or 300 for {@code /candles}); newest first; {@code confirm} "0" for the forming candle;
 * errors as {@code {"code":"51001",…}} with HTTP 200, as OKX does.
 */
public final class OkxCandlesRoute implements RestRoute
{
    public static final String HISTORY_PATH = "/api/v5/market/history-candles";
    public static final String RECENT_PATH = "/api/v5/market/candles";

    private final SyntheticCandleMarket market;
    private final Set<String> symbols;
    private final int maxLimit;

    /**
     * @param symbols  instrument ids served (e.g. {@code BTC-USDT}); empty serves any.
     * @param maxLimit 100 for history-candles, 300 for candles.
     */
    public OkxCandlesRoute(final SyntheticCandleMarket market, final Set<String> symbols, final int maxLimit)
    {
        this.market = market;
        this.symbols = Set.copyOf(symbols);
        this.maxLimit = maxLimit;
    }

    public SimulatedReply handle(final QueryStringDecoder query)
    {
        final String instId = param(query, "instId");
        if (instId == null || (!symbols.isEmpty() && !symbols.contains(instId)))
        {
            return SimulatedReply.ok("{\"code\":\"51001\",\"msg\":\"Instrument ID does not exist\",\"data\":[]}");
        }
        final CandleInterval interval = interval(param(query, "bar") == null ? "1m" : param(query, "bar"));
        if (interval == null)
        {
            return SimulatedReply.ok("{\"code\":\"51000\",\"msg\":\"Parameter bar error\",\"data\":[]}");
        }
        final int limit = (int)Math.min(maxLimit, longParam(query, "limit", maxLimit));
        final long after = longParam(query, "after", Long.MAX_VALUE);
        final long before = longParam(query, "before", Long.MIN_VALUE + 1);
        final List<SyntheticCandle> candles = market.select(instId, interval, before + 1, after - 1, limit, false);
        final StringBuilder json = new StringBuilder(candles.size() * 120)
            .append("{\"code\":\"0\",\"msg\":\"\",\"data\":[");
        for (int i = 0; i < candles.size(); i++)
        {
            final SyntheticCandle c = candles.get(i);
            json.append(i == 0 ? "[" : ",[").append(quote(c.openTimeMs())).append(',').append(quote(c.open()))
                .append(',').append(quote(c.high())).append(',').append(quote(c.low()))
                .append(',').append(quote(c.close())).append(',').append(quote(c.volume()))
                .append(',').append(quote(c.quoteVolume())).append(',').append(quote(c.quoteVolume()))
                .append(',').append(market.isClosed(interval, c.openTimeMs()) ? "\"1\"]" : "\"0\"]");
        }
        return SimulatedReply.ok(json.append("]}").toString());
    }

    private static CandleInterval interval(final String bar)
    {
        return switch (bar)
        {
            case "1m" -> CandleInterval.M1;
            case "3m" -> CandleInterval.M3;
            case "5m" -> CandleInterval.M5;
            case "15m" -> CandleInterval.M15;
            case "30m" -> CandleInterval.M30;
            case "1H" -> CandleInterval.H1;
            case "2H" -> CandleInterval.H2;
            case "4H" -> CandleInterval.H4;
            case "6Hutc" -> CandleInterval.H6;
            case "12Hutc" -> CandleInterval.H12;
            case "1Dutc" -> CandleInterval.D1;
            case "1Wutc" -> CandleInterval.W1;
            default -> null;
        };
    }
}
