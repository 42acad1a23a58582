package zvt.crypto.gateway.rest;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import zvt.crypto.persistence.query.MarketDataQueries;

/**
 * What the database-backed routes share: the queries (absent while the node has no database, answered 503),
 * and how a failed query is answered (503 without the driver's message, which may name hosts or users).
 */
abstract class MarketDataRoute implements RestRoute
{
    private final Supplier<MarketDataQueries> queries;

    MarketDataRoute(final Supplier<MarketDataQueries> queries)
    {
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
