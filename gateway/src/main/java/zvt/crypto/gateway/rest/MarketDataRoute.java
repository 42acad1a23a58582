package zvt.crypto.gateway.rest;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.NormalizedSymbol;
import zvt.crypto.persistence.query.MarketDataQueries;

/**
 * What the database-backed routes share: the queries (absent while the node has no database, answered 503),
 * and how a failed query is answered (503 without the driver's message, which may name hosts or users).
 */
abstract class MarketDataRoute implements RestRoute
{
    /** Rows a page holds unless {@code limit} says otherwise. */
    static final int DEFAULT_LIMIT = 500;

    final ObjectMapper json;
    private final Supplier<MarketDataQueries> queries;

    MarketDataRoute(final ObjectMapper json, final Supplier<MarketDataQueries> queries)
    {
        this.json = json;
        this.queries = queries;
    }

    public final boolean blocking()
    {
        return true;
    }

    public final JsonNode handle(final RestRequest request) throws RestException
    {
        final MarketDataQueries current = queries.get();
        if (current == null)
        {
            throw new RestException(HttpResponseStatus.SERVICE_UNAVAILABLE,
                "no database: this node runs without one (db.enabled = false), or it is still starting");
        }
        try
        {
            return query(current, request);
        }
        catch (final SQLException ex)
        {
            throw new RestException(HttpResponseStatus.SERVICE_UNAVAILABLE, "database unavailable, retry shortly");
        }
    }

    abstract JsonNode query(MarketDataQueries queries, RestRequest request) throws RestException, SQLException;

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

    /** The body's header: what was asked for, as the API understood it. */
    final ObjectNode range(final Venue venue, final NormalizedSymbol symbol, final Instant from, final Instant to)
    {
        return json.createObjectNode()
            .put("venue", venue.name())
            .put("symbol", symbol.toString())
            .put("from", from.toString())
            .put("to", to.toString());
    }

    /** A decimal as the API writes every price and size: a string, exact, without an exponent. */
    static void putDecimal(final ObjectNode node, final String name, final BigDecimal value)
    {
        if (value == null)
        {
            node.putNull(name);
        }
        else
        {
            node.put(name, value.toPlainString());
        }
    }
}
