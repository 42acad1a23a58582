package zvt.crypto.gateway.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonGenerator;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.NormalizedSymbol;
import zvt.crypto.persistence.query.MarketDataQueries;
import zvt.crypto.persistence.query.RowHandler;
import zvt.crypto.persistence.query.TradeRow;

/**
 * {@code trades/{venue}/{symbol}?from&to&limit&cursor}: stored trades with time in [from, to), oldest first (journal
 * order within a time), {@code limit} per page (default 500). A full page comes with {@code nextCursor}; passing it
 * back as {@code cursor} (with the same {@code to}) gives the next page, starting right after the last trade of this
 * one, so trades that share a timestamp are neither skipped nor repeated. Without {@code from}, the last hour.
 */
final class TradesRoute extends MarketDataRoute
{
    private static final Duration DEFAULT_SPAN = Duration.ofHours(1);
    private static final Base64.Encoder CURSOR_ENCODER = Base64.getUrlEncoder().withoutPadding();

    TradesRoute(final Supplier<MarketDataQueries> queries)
    {
        super(queries);
    }

    public String template()
    {
        return RestApi.PREFIX + "/trades/{venue}/{symbol}";
    }

    void query(final MarketDataQueries queries, final RestRequest request, final JsonGenerator body)
        throws RestException, SQLException, IOException
    {
        final Venue venue = request.venue();
        final NormalizedSymbol symbol = request.symbol();
        final int limit = limit(request);
        final Instant to = to(request);
        final String cursor = request.param("cursor");
        Instant from = request.timeParam("from") == null ? to.minus(DEFAULT_SPAN) : request.timeParam("from");
        long afterJournalIndex = -1;
        if (cursor != null)
        {
            final long[] position = decode(cursor);
            from = Instant.EPOCH.plus(position[0], ChronoUnit.MICROS);
            afterJournalIndex = position[1];
        }
        if (!from.isBefore(to))
        {
            throw RestException.badRequest("from must be before to");
        }

        writeRange(body, venue, symbol, from, to);
        body.writeArrayFieldStart("trades");
        final TradeWriter trades = new TradeWriter(body);
        final int count =
            queries.trades(venue, symbol.marketType(), symbol.toString(), from, afterJournalIndex, to, limit, trades);
        body.writeEndArray();
        if (count == limit)
        {
            final TradeRow last = trades.last;
            body.writeStringField("nextCursor",
                encode(ChronoUnit.MICROS.between(Instant.EPOCH, last.time()), last.journalIndex()));
        }
        else
        {
            body.writeNullField("nextCursor");
        }
        body.writeEndObject();
    }

    private static String encode(final long epochMicros, final long journalIndex)
    {
        return CURSOR_ENCODER.encodeToString((epochMicros + ":" + journalIndex).getBytes(StandardCharsets.US_ASCII));
    }

    /** @return {epoch micros, journal index} of the trade the cursor points after. */
    private static long[] decode(final String cursor) throws RestException
    {
        try
        {
            final String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            final int colon = text.indexOf(':');
            return new long[]{Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1))};
        }
        catch (final IllegalArgumentException | IndexOutOfBoundsException ex)
        {
            throw RestException.badRequest("cursor is not one this API gave out: " + cursor);
        }
    }

    /** Writes each trade as it is read, keeping the last for the next page's cursor. */
    private static final class TradeWriter implements RowHandler<TradeRow, IOException>
    {
        private final JsonGenerator body;
        private TradeRow last;

        private TradeWriter(final JsonGenerator body)
        {
            this.body = body;
        }

        public void onRow(final TradeRow row) throws IOException
        {
            body.writeStartObject();
            body.writeStringField("time", row.time().toString());
            body.writeStringField("tradeId", row.tradeId());
            body.writeStringField("price", row.price());
            body.writeStringField("size", row.quantity());
            body.writeStringField("side", row.side());
            body.writeNumberField("journalIndex", row.journalIndex());
            body.writeEndObject();
            last = row;
        }
    }
}
