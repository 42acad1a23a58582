package zvt.crypto.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.Side;
import zvt.crypto.gateway.GatewayHarness.BookLevel;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code book} with a {@code depth}: no deltas, a snapshot of that depth first and again at the end of each batch
 * that changed those levels; never for changes below them.
 */
class BookDepthTest
{
    private final GatewayHarness harness = new GatewayHarness(new GatewayContext());

    @AfterEach
    void close()
    {
        harness.close();
    }

    private static String subscribeDepth(final String depth)
    {
        return "{\"op\":\"subscribe\",\"channel\":\"book\",\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\",\"depth\":" +
            depth + "}";
    }

    @Test
    void shouldSendConflatedSnapshotsOfTheSubscribedDepthOnlyWhenThoseLevelsChange() throws Exception
    {
        harness.publishBook(harness.btcBinance, BookUpdateKind.SNAPSHOT, 1, List.of(
            new BookLevel(Side.BUY, 1000, 1), new BookLevel(Side.BUY, 999, 2), new BookLevel(Side.BUY, 998, 3),
            new BookLevel(Side.SELL, 1001, 1), new BookLevel(Side.SELL, 1002, 2)));
        final TestClient full = harness.connect();
        final TestClient top = harness.connect();
        assertEquals("subscribed", full.request(GatewayHarness.subscribe("book", "BINANCE", "BTC-USDT")).path("type")
            .asText());
        assertEquals("book_snapshot", full.nextJson().path("type").asText());
        final JsonNode reply = top.request(subscribeDepth("1"));
        assertEquals("subscribed", reply.path("type").asText(), reply.toString());
        assertEquals(1, reply.path("depth").asInt());
        final JsonNode first = top.nextJson();
        assertEquals("book_snapshot", first.path("type").asText(), first.toString());
        assertEquals(1, first.path("depth").asInt());
        assertEquals(1, first.path("bids").size());
        assertEquals("100.0", first.path("bids").path(0).path(0).asText());
        assertEquals(1, first.path("asks").size());

        // below the view: the full subscriber gets the delta, the depth-1 view nothing
        harness.publishBook(harness.btcBinance, BookUpdateKind.DELTA, 2, List.of(new BookLevel(Side.BUY, 998, 7)));
        assertEquals("delta", full.nextJson().path("kind").asText());

        // three changes of the best bid in one batch: one snapshot, the last state
        harness.publishAsOneBatch(() ->
        {
            harness.publishBook(harness.btcBinance, BookUpdateKind.DELTA, 3, List.of(new BookLevel(Side.BUY, 1000, 4)));
            harness.publishBook(harness.btcBinance, BookUpdateKind.DELTA, 4, List.of(new BookLevel(Side.BUY, 1000, 5)));
            harness.publishBook(harness.btcBinance, BookUpdateKind.DELTA, 5, List.of(new BookLevel(Side.BUY, 1000, 6)));
        });
        final JsonNode view = top.nextJson();
        assertEquals("book_snapshot", view.path("type").asText(), "no message for the change below the view: " + view);
        assertEquals(5, view.path("sequence").asLong());
        assertEquals("6", view.path("bids").path(0).path(1).asText(), view.toString());
        for (int i = 3; i <= 5; i++)
        {
            assertEquals(i, full.nextJson().path("lastSequence").asLong(), "the full book gets every delta");
        }
        harness.publishBook(harness.btcBinance, BookUpdateKind.DELTA, 6, List.of(new BookLevel(Side.SELL, 1001, 9)));
        assertEquals(6, top.nextJson().path("sequence").asLong(), "one snapshot for the batch, then the next change");
    }

    @Test
    void shouldRefuseADepthThatIsNotOfferedOrNotOnTheBook()
    {
        final TestClient client = harness.connect();
        assertEquals("bad_depth", client.request(subscribeDepth("7")).path("code").asText());
        assertEquals("bad_depth", client.request("{\"op\":\"subscribe\",\"channel\":\"trades\",\"venue\":\"BINANCE\"," +
            "\"symbol\":\"BTC-USDT\",\"depth\":10}").path("code").asText());
        final JsonNode full = client.request(subscribeDepth("\"full\""));
        assertEquals("subscribed", full.path("type").asText(), full.toString());
        assertEquals(0, full.path("depth").asInt(), "full is the book with its deltas");
    }
}
