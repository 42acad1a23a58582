package zvt.crypto.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.gateway.GatewayHarness.BookLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static zvt.crypto.gateway.GatewayHarness.subscribe;

/**
 * {@code "symbol":"*"} subscribes to every instrument of a venue on a channel, instruments listed later included;
 * an event reaches a session once even when it also subscribed to the instrument itself. Perpetuals subscribe by
 * their {@code -PERP} symbol.
 */
class WildcardSubscriptionTest
{
    private final GatewayHarness harness = new GatewayHarness(new GatewayContext());

    @AfterEach
    void close()
    {
        harness.close();
    }

    @Test
    void shouldDeliverEveryInstrumentOfTheVenueOnceAndNoOtherVenue()
    {
        final TestClient client = harness.connect();
        final JsonNode reply = client.request(subscribe("trades", "BINANCE", "*"));
        assertEquals("subscribed", reply.path("type").asText(), reply.toString());
        assertEquals("*", reply.path("symbol").asText());
        assertEquals(0, reply.path("instrumentId").asInt());
        assertEquals("subscribed", client.request(subscribe("trades", "BINANCE", "BTC-USDT")).path("type").asText());
        final Instrument listedLater = harness.instruments.intern(Venue.BINANCE, MarketType.SPOT, "SOLUSDT", "SOL-USDT");

        harness.publishTrade(harness.btcBinance, "100", "1", Side.BUY, "1");
        harness.publishTrade(harness.btcOkx, "101", "1", Side.BUY, "2");
        harness.publishTrade(harness.ethBinance, "10", "1", Side.BUY, "3");
        harness.publishTrade(listedLater, "1", "1", Side.BUY, "4");
        final long marker = harness.publishTrade(harness.btcBinance, "102", "1", Side.BUY, "5");

        final List<String> received = new ArrayList<>();
        JsonNode trade;
        do
        {
            trade = client.nextJson();
            received.add(trade.path("symbol").asText() + ":" + trade.path("tradeId").asText());
        }
        while (trade.path("journalIndex").asLong() != marker);
        assertEquals(List.of("BTC-USDT:1", "ETH-USDT:3", "SOL-USDT:4", "BTC-USDT:5"), received,
            "once each, Binance only, the instrument listed after the subscription included");
        assertEquals(0, client.pending());
    }

    @Test
    void shouldStartAVenueWideBookSubscriptionWithEveryGoodBook()
    {
        harness.publishBook(harness.btcBinance, BookUpdateKind.SNAPSHOT, 1, List.of(new BookLevel(Side.BUY, 990, 1)));
        harness.publishBook(harness.ethBinance, BookUpdateKind.SNAPSHOT, 1, List.of(new BookLevel(Side.BUY, 99, 1)));
        harness.publishBook(harness.btcOkx, BookUpdateKind.SNAPSHOT, 1, List.of(new BookLevel(Side.BUY, 991, 1)));
        final TestClient client = harness.connect();
        assertEquals("subscribed", client.request(subscribe("book", "BINANCE", "*")).path("type").asText());

        final Set<String> snapshots = new TreeSet<>();
        for (int i = 0; i < 2; i++)
        {
            final JsonNode snapshot = client.nextJson();
            assertEquals("book_snapshot", snapshot.path("type").asText(), snapshot.toString());
            snapshots.add(snapshot.path("venue").asText() + " " + snapshot.path("symbol").asText());
        }
        assertEquals(Set.of("BINANCE BTC-USDT", "BINANCE ETH-USDT"), snapshots);

        harness.publishBook(harness.btcOkx, BookUpdateKind.DELTA, 2, List.of(new BookLevel(Side.BUY, 992, 1)));
        final long delta = harness.publishBook(harness.ethBinance, BookUpdateKind.DELTA, 2,
            List.of(new BookLevel(Side.BUY, 98, 2)));
        final JsonNode next = client.nextJson();
        assertEquals("book", next.path("type").asText());
        assertEquals(delta, next.path("journalIndex").asLong(), "the OKX delta is not the venue's");
    }

    @Test
    void shouldSendFormingCandlesOfEveryInstrument()
    {
        final TestClient client = harness.connect();
        assertEquals("subscribed", client.request(subscribe("candle", "BINANCE", "*")).path("type").asText());
        final long index = harness.publishTrade(harness.ethBinance, "10.5", "2", 1_767_225_600_000_000_000L);
        final JsonNode trade = client.nextJson();
        assertEquals("candle", trade.path("type").asText(), trade.toString());
        assertEquals("ETH-USDT", trade.path("symbol").asText());
        assertEquals(index, trade.path("journalIndex").asLong());
    }

    @Test
    void shouldSubscribeToAPerpetualByItsSymbol()
    {
        final Instrument perpetual =
            harness.instruments.intern(Venue.BYBIT, MarketType.PERPETUAL, "BTCUSDT", "BTC-USDT-PERP");
        final TestClient client = harness.connect();
        final JsonNode reply = client.request(subscribe("trades", "BYBIT", "BTC-USDT-PERP"));
        assertEquals("subscribed", reply.path("type").asText(), reply.toString());
        assertEquals(perpetual.id(), reply.path("instrumentId").asInt());
        final JsonNode unknown = client.request(subscribe("trades", "BYBIT", "BTC-USDT"));
        assertEquals("unknown_symbol", unknown.path("code").asText(), "the spot market is another instrument");
    }
}
