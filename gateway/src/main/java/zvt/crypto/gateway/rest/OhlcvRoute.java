package zvt.crypto.gateway.rest;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonGenerator;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.NormalizedSymbol;
import zvt.crypto.persistence.query.MarketDataQueries;
import zvt.crypto.persistence.query.OhlcvInterval;

/**
 * {@code ohlcv/{venue}/{symbol}?interval&from&to&limit&source}: stored bars, oldest first, with open time in
 * [from, to). {@code source} picks the bars: {@code trades} (built by the node from the journaled trades, the default),
 * {@code venue_stream} (the venue's kline stream) or {@code rest} (backfilled from the venue's REST API). Without
 * {@code from}, the {@code limit} bars before {@code to} (default now). Settled bars may come from {@link CandleCache},
 * byte for byte what the database would give, up to its expiry for bars another process rewrote.
 */
final class OhlcvRoute extends MarketDataRoute
{
    private static final List<String> SOURCES = List.of("trades", "venue_stream", "rest");

    private final CandleCache cache;

    /** @param cache closed bars already rendered; null to read every answer from the database. */
    OhlcvRoute(final Supplier<MarketDataQueries> queries, final CandleCache cache)
    {
        super(queries);
        this.cache = cache;
    }

    public String template()
    {
        return RestApi.PREFIX + "/ohlcv/{venue}/{symbol}";
    }

    void query(final MarketDataQueries queries, final RestRequest request, final JsonGenerator body)
        throws RestException, SQLException, IOException
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

        writeRange(body, venue, symbol, from, to);
        body.writeStringField("interval", interval.label());
        body.writeStringField("source", source);
        body.writeArrayFieldStart("candles");
        final CandleArrayWriter candles = new CandleArrayWriter(body);
        if (cache == null)
        {
            queries.candles(venue, symbol.marketType(), symbol.toString(), interval, source, from, to, limit, candles);
        }
        else
        {
            cache.candles(queries, venue, symbol.marketType(), symbol.toString(), interval, source, from, to, limit,
                candles);
        }
        body.writeEndArray();
        body.writeEndObject();
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
