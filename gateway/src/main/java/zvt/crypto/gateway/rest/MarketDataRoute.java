package zvt.crypto.gateway.rest;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.handler.codec.http.HttpResponseStatus;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.NormalizedSymbol;
import zvt.crypto.persistence.query.MarketDataQueries;

/**
 * What the database-backed routes share: the queries (absent while the node has no database, answered 503),
 * and how a failed query is answered (503 without the driver's message, which may name hosts or users). They write
 * each row as the driver reads it, with no tree in between, and their decimals as the database's text: a string,
 * exact, without an exponent, the way the API writes every price and size.
 */
abstract class MarketDataRoute implements RestRoute
{
    /** Rows a page holds unless {@code limit} says otherwise. */
    static final int DEFAULT_LIMIT = 500;

    private final Supplier<MarketDataQueries> queries;

    MarketDataRoute(final Supplier<MarketDataQueries> queries)
    {
        this.queries = queries;
    }

    public final boolean blocking()
    {
        return true;
    }

    public final void write(final RestRequest request, final JsonGenerator body) throws RestException, IOException
    {
        final MarketDataQueries current = queries.get();
        if (current == null)
        {
            throw new RestException(HttpResponseStatus.SERVICE_UNAVAILABLE,
                "no database: this node runs without one (db.enabled = false), or it is still starting");
        }
        try
        {
            query(current, request, body);
        }
        catch (final SQLException ex)
        {
            throw new RestException(HttpResponseStatus.SERVICE_UNAVAILABLE, "database unavailable, retry shortly");
        }
    }

    /** Checks the request (a bad one throws before anything is written), then writes the answer as it is read. */
    abstract void query(MarketDataQueries queries, RestRequest request, JsonGenerator body)
        throws RestException, SQLException, IOException;

    /** {@code limit}: 1 to {@link MarketDataQueries#MAX_LIMIT}, default {@link #DEFAULT_LIMIT}. */
    static int limit(final RestRequest request) throws RestException
    {
        return request.intParam("limit", DEFAULT_LIMIT, 1, MarketDataQueries.MAX_LIMIT);
    }

    /** {@code to}: exclusive end of the range, default now. */
    static Instant to(final RestRequest request) throws RestException
    {
        final Instant to = request.timeParam("to");
        return to == null ? Instant.now() : to;
    }

    /** Opens the body with its header: what was asked for, as the API understood it. */
    static void writeRange(
        final JsonGenerator body,
        final Venue venue,
        final NormalizedSymbol symbol,
        final Instant from,
        final Instant to) throws IOException
    {
        body.writeStartObject();
        body.writeStringField("venue", venue.name());
        body.writeStringField("symbol", symbol.toString());
        body.writeStringField("from", from.toString());
        body.writeStringField("to", to.toString());
    }
}
