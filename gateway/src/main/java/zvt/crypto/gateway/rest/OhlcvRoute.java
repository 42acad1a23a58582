package zvt.crypto.gateway.rest;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.NormalizedSymbol;
import zvt.crypto.persistence.query.CandleRow;
import zvt.crypto.persistence.query.MarketDataQueries;
import zvt.crypto.persistence.query.OhlcvInterval;

/**
 * {@code ohlcv/{venue}/{symbol}?interval&from&to&limit&source}: stored bars, oldest first, with open time in
 * [from, to). {@code source} picks the bars: {@code trades} (built by the node from the journaled trades, the default),
 * {@code venue_stream} (the venue's kline stream) or {@code rest} (backfilled from the venue's REST API). Without
 * {@code from}, the {@code limit} bars before {@code to} (default now).
 */
final class OhlcvRoute extends MarketDataRoute
{
    private static final List<String> SOURCES = List.of("trades", "venue_stream", "rest");
    OhlcvRoute(final ObjectMapper json, final Supplier<MarketDataQueries> queries)
    {
        super(json, queries);
    }

    public String template()
    {
        return RestApi.PREFIX + "/ohlcv/{venue}/{symbol}";
    }

    JsonNode query(final MarketDataQueries queries, final RestRequest request) throws RestException, SQLException
    {
        final Venue venue = request.venue();
        final NormalizedSymbol symbol = request.symbol();
        final OhlcvInterval interval = interval(request.param("interval"));
        final String source = request.param("source") == null ? "trades" : request.param("source");
        if (!SOURCES.contains(source))
        {
            throw RestException.badRequest("unknown source " + source + " (trades, venue_stream, rest)");
        }
        final int limit = limit(request);
        final Instant to = to(request);
        final Instant from = request.timeParam("from") == null ?
            to.minus(interval.duration().multipliedBy(limit)) : request.timeParam("from");
        if (!from.isBefore(to))
        {
            throw RestException.badRequest("from must be before to");
        }

        final ArrayNode bars = json.createArrayNode();
        for (final CandleRow row : queries.candles(
            venue, symbol.marketType(), symbol.toString(), interval, source, from, to, limit))
        {
            final ObjectNode bar = bars.addObject().put("openTime", row.openTime().toString());
            putDecimal(bar, "open", row.open());
            putDecimal(bar, "high", row.high());
            putDecimal(bar, "low", row.low());
            putDecimal(bar, "close", row.close());
            putDecimal(bar, "volume", row.volume());
            putDecimal(bar, "quoteVolume", row.quoteVolume());
            bar.put("tradeCount", row.tradeCount());
            bar.put("closed", row.closed());
        }
        final ObjectNode body = range(venue, symbol, from, to).put("interval", interval.label()).put("source", source);
        body.set("candles", bars);
        return body;
    }

    private static OhlcvInterval interval(final String label) throws RestException
    {
        try
        {
            return label == null ? OhlcvInterval.M1 : OhlcvInterval.ofLabel(label);
        }
        catch (final IllegalArgumentException ex)
        {
            throw RestException.badRequest(ex.getMessage());
        }
    }
}
