package zvt.crypto.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.Side;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zvt.crypto.gateway.GatewayHarness.subscribe;
import static zvt.crypto.gateway.GatewayHarness.unsubscribe;

/**
 * Ring → fan-out → WebSocket clients over loopback: what a subscriber receives, and what it does not.
 */
class TradeFanoutTest
{
    private final GatewayHarness harness = harness(new GatewayContext());

    /** The layout under test: sessions on a gateway loop of their own, fed by a fan-out thread. */
    GatewayHarness harness(final GatewayContext context)
    {
        return new GatewayHarness(context);
    }

    @AfterEach
    void close()
    {
        harness.close();
    }

    @Test
    void shouldDeliverSubscribedTradesWithExactFieldsAndJournalIndex()
    {
        final TestClient client = harness.connect();
        final JsonNode reply = client.request(subscribe("BINANCE", "BTC-USDT"));
        assertEquals("subscribed", reply.path("type").asText(), reply.toString());
        assertEquals("trades", reply.path("channel").asText());
        assertEquals("BINANCE", reply.path("venue").asText());
        assertEquals("BTC-USDT", reply.path("symbol").asText());
        assertEquals(harness.btcBinance.id(), reply.path("instrumentId").asInt());

        final long index = harness.publishTrade(harness.btcBinance, "65000.10", "0.00120", Side.BUY, "T-1001");
        final long secondIndex = harness.publishTrade(harness.btcBinance, "64999.9", "2", Side.SELL, "T-1002");

        final String text = client.next();
        assertTrue(text.contains("\"price\":\"65000.10\""), text);
        assertTrue(text.contains("\"size\":\"0.00120\""), text);
        final JsonNode trade = TestClient.parse(text);
        assertEquals("trade", trade.path("type").asText());
        assertEquals("BINANCE", trade.path("venue").asText());
        assertEquals("BTC-USDT", trade.path("symbol").asText());
        assertEquals(harness.btcBinance.id(), trade.path("instrumentId").asInt());
        assertEquals("buy", trade.path("side").asText());
        assertEquals("T-1001", trade.path("tradeId").asText());
        assertEquals(index, trade.path("journalIndex").asLong());

        final JsonNode second = client.nextJson();
        assertEquals("64999.9", second.path("price").asText());
        assertEquals("2", second.path("size").asText());
        assertEquals("sell", second.path("side").asText());
        assertEquals("T-1002", second.path("tradeId").asText());
        assertEquals(secondIndex, second.path("journalIndex").asLong());
    }

    @Test
    void shouldNotDeliverOtherSymbolsOrVenues()
    {
        final TestClient client = harness.connect();
        assertEquals("subscribed", client.request(subscribe("BINANCE", "BTC-USDT")).path("type").asText());

        for (int i = 0; i < 20; i++)
        {
            harness.publishTrade(harness.ethBinance, "3000.5", "1", Side.BUY, "E-" + i);
            harness.publishTrade(harness.btcOkx, "65001", "1", Side.SELL, "O-" + i);
        }
        final long marker = harness.publishTrade(harness.btcBinance, "65000", "1", Side.BUY, "MARKER");

        // Events reach a client in ring order, so anything for other symbols would have arrived before the marker.
        final JsonNode first = client.nextJson();
        assertEquals("MARKER", first.path("tradeId").asText(), first.toString());
        assertEquals(marker, first.path("journalIndex").asLong());
        assertEquals(0, client.pending());
    }

    @Test
    void shouldStopDeliveringAfterUnsubscribe()
    {
        final TestClient client = harness.connect();
        assertEquals("subscribed", client.request(subscribe("BINANCE", "BTC-USDT")).path("type").asText());
        assertEquals("subscribed", client.request(subscribe("BINANCE", "ETH-USDT")).path("type").asText());
        harness.publishTrade(harness.btcBinance, "65000", "1", Side.BUY, "BEFORE");
        assertEquals("BEFORE", client.nextJson().path("tradeId").asText());

        final JsonNode reply = client.request(unsubscribe("BINANCE", "BTC-USDT"));
        assertEquals("unsubscribed", reply.path("type").asText(), reply.toString());
        assertEquals("BTC-USDT", reply.path("symbol").asText());
        for (int i = 0; i < 20; i++)
        {
            harness.publishTrade(harness.btcBinance, "65000", "1", Side.BUY, "AFTER-" + i);
        }
        harness.publishTrade(harness.ethBinance, "3000", "1", Side.BUY, "ETH-MARKER");

        final JsonNode next = client.nextJson();
        assertEquals("ETH-MARKER", next.path("tradeId").asText(), next.toString());
        assertEquals(0, client.pending());
        assertEquals("not_subscribed", client.request(unsubscribe("BINANCE", "BTC-USDT")).path("code").asText());
    }

    @Test
    void shouldSendIdenticalMessagesToEverySubscriber()
    {
        final List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            final TestClient client = harness.connect();
            assertEquals("subscribed", client.request(subscribe("BINANCE", "BTC-USDT")).path("type").asText());
            clients.add(client);
        }
        final int count = 200;
        final List<Long> indexes = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            indexes.add(harness.publishTrade(
                harness.btcBinance, "65000." + i, "0.5", i % 2 == 0 ? Side.BUY : Side.SELL, "T-" + i));
        }

        final List<String> first = clients.get(0).next(count);
        for (int i = 0; i < count; i++)
        {
            final JsonNode trade = TestClient.parse(first.get(i));
            assertEquals(indexes.get(i), trade.path("journalIndex").asLong());
            assertEquals("T-" + i, trade.path("tradeId").asText());
        }
        for (int c = 1; c < clients.size(); c++)
        {
            assertEquals(first, clients.get(c).next(count), "client " + c);
        }
        assertEquals(3L * count, harness.counters().messagesSent());
    }
}
