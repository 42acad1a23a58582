package zvt.crypto.feed.simulator.rest;

import io.netty.handler.codec.http.QueryStringDecoder;
import zvt.crypto.core.candle.CandleIntervals;
import zvt.crypto.core.codec.CandleInterval;

import java.util.List;
import java.util.Set;

import static zvt.crypto.feed.simulator.rest.KlineRouteSupport.longParam;
import static zvt.crypto.feed.simulator.rest.KlineRouteSupport.param;
import static zvt.crypto.feed.simulator.rest.KlineRouteSupport.quote;

/**
 * Binance {@code GET /api/v3/klines} over a {@link SyntheticCandleMarket}: {@code symbol}, {@code interval},
 * {@code startTime}/{@code endTime} (open times, inclusive), {@code limit} (default 500, max 1000); oldest first from
 * {@code startTime}, else the latest; weight 2; Binance's error bodies for a bad symbol or parameter.
 */
public final class BinanceKlinesRoute implements RestRoute
{
    public static final String PATH = "/api/v3/klines";

    private final SyntheticCandleMarket market;
    private final Set<String> symbols;

    /** @param symbols venue symbols served (e.g. {@code BTCUSDT}); empty serves any. */
    public BinanceKlinesRoute(final SyntheticCandleMarket market, final Set<String> symbols)
    {
        this.market = market;
        this.symbols = Set.copyOf(symbols);
    }

    public int weight(final QueryStringDecoder query)
    {
        return 2;
    }

    public SimulatedReply handle(final QueryStringDecoder query)
    {
        final String symbol = param(query, "symbol");
        if (symbol == null || (!symbols.isEmpty() && !symbols.contains(symbol)))
        {
            return SimulatedReply.json(400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
        }
        final CandleInterval interval;
        try
        {
            interval = CandleIntervals.parse(param(query, "interval"));
        }
        catch (final RuntimeException ex)
        {
            return SimulatedReply.json(400, "{\"code\":-1120,\"msg\":\"Invalid interval.\"}");
        }
        final int limit = (int)longParam(query, "limit", 500);
        if (limit < 1 || limit > 1_000)
        {
            return SimulatedReply.json(400,
                "{\"code\":-1100,\"msg\":\"Illegal characters found in parameter 'limit'\"}");
        }
        final long start = longParam(query, "startTime", Long.MIN_VALUE);
        final long end = longParam(query, "endTime", Long.MAX_VALUE);
        final boolean oldestFirst = start != Long.MIN_VALUE;
        final List<SyntheticCandle> candles = market.select(symbol, interval, oldestFirst ? start : Long.MIN_VALUE, end,
            limit, oldestFirst);
        final StringBuilder json = new StringBuilder(candles.size() * 160).append('[');
        for (int i = 0; i < candles.size(); i++)
        {
            final SyntheticCandle c = candles.get(oldestFirst ? i : candles.size() - 1 - i);
            json.append(i == 0 ? "[" : ",[").append(c.openTimeMs()).append(',').append(quote(c.open()))
                .append(',').append(quote(c.high())).append(',').append(quote(c.low()))
                .append(',').append(quote(c.close())).append(',').append(quote(c.volume()))
                .append(',').append(c.openTimeMs() + c.intervalMs() - 1).append(',').append(quote(c.quoteVolume()))
                .append(',').append(c.tradeCount()).append(",\"0\",\"0\",\"0\"]");
        }
        return SimulatedReply.ok(json.append(']').toString());
    }
}
