package zvt.crypto.feed.simulator.rest;

import io.netty.handler.codec.http.QueryStringDecoder;
import zvt.crypto.core.codec.CandleInterval;

import java.util.List;
import java.util.Set;

import static zvt.crypto.feed.simulator.rest.KlineRouteSupport.longParam;
import static zvt.crypto.feed.simulator.rest.KlineRouteSupport.param;
import static zvt.crypto.feed.simulator.rest.KlineRouteSupport.quote;

/**
 * Bybit {@code GET /v5/market/kline} over a {@link SyntheticCandleMarket}: {@code category}, {@code symbol},
 * {@code interval}, {@code start}/{@code end} (inclusive), {@code limit} (default 200, max 1000); the newest
 * {@code limit} candles of the range, newest first; errors as {@code retCode} other than 0 with HTTP 200.
 */
public final class BybitKlineRoute implements RestRoute
{
    public static final String PATH = "/v5/market/kline";

    private final SyntheticCandleMarket market;
    private final Set<String> symbols;

    /** @param symbols venue symbols served (e.g. {@code BTCUSDT}); empty serves any. */
    public BybitKlineRoute(final SyntheticCandleMarket market, final Set<String> symbols)
    {
        this.market = market;
        this.symbols = Set.copyOf(symbols);
    }

    public SimulatedReply handle(final QueryStringDecoder query)
    {
        final String symbol = param(query, "symbol");
        final String category = param(query, "category") == null ? "linear" : param(query, "category");
        if (symbol == null || (!symbols.isEmpty() && !symbols.contains(symbol)))
        {
            return error(10001, "params error: symbol invalid");
        }
        final CandleInterval interval = interval(param(query, "interval"));
        if (interval == null)
        {
            return error(10001, "params error: interval invalid");
        }
        final int limit = (int)Math.min(1_000, longParam(query, "limit", 200));
        final List<SyntheticCandle> candles = market.select(symbol, interval, longParam(query, "start", Long.MIN_VALUE),
            longParam(query, "end", Long.MAX_VALUE), limit, false);
        final StringBuilder json = new StringBuilder(candles.size() * 120)
            .append("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":").append(quote(category))
            .append(",\"symbol\":").append(quote(symbol)).append(",\"list\":[");
        for (int i = 0; i < candles.size(); i++)
        {
            final SyntheticCandle c = candles.get(i);
            json.append(i == 0 ? "[" : ",[").append(quote(c.openTimeMs())).append(',').append(quote(c.open()))
                .append(',').append(quote(c.high())).append(',').append(quote(c.low()))
                .append(',').append(quote(c.close())).append(',').append(quote(c.volume()))
                .append(',').append(quote(c.quoteVolume())).append(']');
        }
        return SimulatedReply.ok(json.append("]},\"retExtInfo\":{},\"time\":").append(market.nowMs()).append('}')
            .toString());
    }

    private static SimulatedReply error(final int code, final String message)
    {
        return SimulatedReply.ok("{\"retCode\":" + code + ",\"retMsg\":\"" + message +
            "\",\"result\":{},\"retExtInfo\":{},\"time\":0}");
    }

    private static CandleInterval interval(final String value)
    {
        if (value == null)
        {
            return null;
        }
        return switch (value)
        {
            case "1" -> CandleInterval.M1;
            case "3" -> CandleInterval.M3;
            case "5" -> CandleInterval.M5;
            case "15" -> CandleInterval.M15;
            case "30" -> CandleInterval.M30;
            case "60" -> CandleInterval.H1;
            case "120" -> CandleInterval.H2;
            case "240" -> CandleInterval.H4;
            case "360" -> CandleInterval.H6;
            case "720" -> CandleInterval.H12;
            case "D" -> CandleInterval.D1;
            case "W" -> CandleInterval.W1;
            default -> null;
        };
    }
}
