package zvt.crypto.gateway.rest;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.instrument.NormalizedSymbol;
import zvt.crypto.gateway.fanout.FanoutEventHandler;

/**
 * {@code book/{venue}/{symbol}?depth}: the node's live book from memory, the same {@code book_snapshot} a WebSocket
 * subscriber starts from (with its journal index and venue sequence), at most {@code depth} levels a side (default
 * the whole book). The fan-out thread, which keeps the books, answers at its next batch or idle timeout; this route
 * waits for it on a query thread. 503 while the book is not good (no snapshot yet, or stale after a gap).
 */
final class BookRoute extends TreeRoute
{
    private final ObjectMapper json;
    private final InstrumentRegistry instruments;
    private final FanoutEventHandler fanout;
    private final long timeoutMs;

    BookRoute(
        final ObjectMapper json, final InstrumentRegistry instruments, final FanoutEventHandler fanout,
        final long timeoutMs)
    {
        this.json = json;
        this.instruments = instruments;
        this.fanout = fanout;
        this.timeoutMs = timeoutMs;
    }

    public String template()
    {
        return RestApi.PREFIX + "/book/{venue}/{symbol}";
    }

    public boolean blocking()
    {
        return true;
    }

    public JsonNode handle(final RestRequest request) throws RestException
    {
        final Venue venue = request.venue();
        final NormalizedSymbol symbol = request.symbol();
        final int depth = request.intParam("depth", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        final Instrument instrument = instruments.bySymbol(venue, symbol.marketType(), symbol.toString());
        if (instrument == null)
        {
            throw new RestException(HttpResponseStatus.NOT_FOUND,
                "no instrument " + symbol + " on " + venue.name() + "; see " + RestApi.PREFIX + "/instruments");
        }
        final String snapshot;
        try
        {
            snapshot = fanout.queryBook(instrument, depth).get(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final ExecutionException ex)
        {
            throw new RestException(HttpResponseStatus.SERVICE_UNAVAILABLE, "too many book queries, retry shortly");
        }
        catch (final TimeoutException ex)
        {
            throw new RestException(HttpResponseStatus.GATEWAY_TIMEOUT,
                "the book was not read in " + timeoutMs + " ms");
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new RestException(HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting down");
        }
        if (snapshot == null)
        {
            throw new RestException(HttpResponseStatus.SERVICE_UNAVAILABLE, "the book of " + symbol + " on " +
                venue.name() + " is not good: no snapshot yet, or stale after a gap");
        }
        try
        {
            return json.readTree(snapshot);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("the fan-out rendered a book that is not JSON", ex);
        }
    }
}
