package zvt.crypto.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.codec.VenueStatusCode;
import zvt.crypto.core.ring.ControlEventPublisher;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zvt.crypto.gateway.GatewayHarness.subscribe;

/**
 * The journal indexes one session receives never decrease, over every channel at once: trades, book, top and status
 * as journaled, and the candles derived from trades, which carry the index of the event after which they are sent
 * (docs/PROTOCOL.md). A client resuming from the highest index it saw therefore misses nothing and repeats nothing.
 */
class JournalIndexOrderTest
{
    private static final long T0 = TimeUnit.SECONDS.toNanos(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond());
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final int BATCHES = 20;
    /** What each batch sends the session, in order: four events as journaled, then the forming candle. */
    private static final List<String> PER_BATCH = List.of("trade", "top", "book", "status", "candle");

    private final GatewayHarness harness = new GatewayHarness(new GatewayContext());

    @AfterEach
    void close()
    {
        harness.close();
    }

    @Test
    void shouldNeverSendALowerJournalIndexThanOneAlreadySent() throws InterruptedException
    {
        harness.publishBook(harness.btcBinance, BookUpdateKind.SNAPSHOT, 1, List.of(
            new GatewayHarness.BookLevel(Side.BUY, 990, 1), new GatewayHarness.BookLevel(Side.SELL, 1100, 1)));
        final TestClient client = harness.connect();
        for (final String channel : List.of("trades", "book", "top", "candle"))
        {
            final JsonNode reply = client.request(subscribe(channel, "BINANCE", "BTC-USDT"));
            assertEquals("subscribed", reply.path("type").asText(), reply.toString());
        }
        long previous = Long.MIN_VALUE;
        final JsonNode reply = client.request("{\"op\":\"subscribe\",\"channel\":\"status\",\"venue\":\"BINANCE\"}");
        assertEquals("subscribed", reply.path("type").asText(), reply.toString());
        final ControlEventPublisher status = new ControlEventPublisher(harness.ringBuffer(), new SystemEpochNanoClock());

        final List<String> types = new ArrayList<>();
        for (int batch = 0; batch < BATCHES; batch++)
        {
            final int b = batch;
            final long[] lastOfBatch = new long[1];
            harness.publishAsOneBatch(() ->
            {
                harness.publishTrade(harness.btcBinance, "100." + b, "1", T0 + b * SECOND);
                harness.publishTop(harness.btcBinance, 1000 + b, 1010 + b);
                harness.publishBook(harness.btcBinance, BookUpdateKind.DELTA, b + 2,
                    List.of(new GatewayHarness.BookLevel(Side.BUY, 1000 + b, 1)));
                status.publishStatus(Venue.BINANCE, 0, VenueStatusCode.CONNECTED, "batch " + b);
                // Not subscribed: ends the batch, so the forming BTC bar is sent after an event the session never sees.
                lastOfBatch[0] = harness.publishTrade(harness.ethBinance, "10", "1", T0 + b * SECOND);
            });
            // Read the batch before publishing the next, so that the fan-out sees exactly this batch as one. The book
            // subscription takes effect at the first batch, which it precedes with the book's snapshot.
            for (int i = b == 0 ? -1 : 0; i < PER_BATCH.size(); i++)
            {
                final JsonNode message = client.nextJson();
                final long index = message.path("journalIndex").asLong();
                assertTrue(index >= previous, "batch " + b + ": " + message + " came after index " + previous);
                previous = index;
                if (i >= 0)
                {
                    types.add(message.path("type").asText());
                }
                else
                {
                    assertEquals("book_snapshot", message.path("type").asText(), message.toString());
                }
                if ("candle".equals(message.path("type").asText()))
                {
                    assertEquals(lastOfBatch[0], index, "the forming bar carries its batch's last index");
                }
            }
        }
        assertEquals(Collections.nCopies(BATCHES, PER_BATCH).stream().flatMap(List::stream).toList(), types);
        assertEquals(0, client.pending());
    }
}
