package zvt.crypto.feed.simulator.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.simulator.FaultKind;
import zvt.crypto.feed.simulator.FaultRecord;
import zvt.crypto.feed.simulator.GroundTruthBook;
import zvt.crypto.feed.simulator.SimulatorFaults;
import zvt.crypto.feed.simulator.StreamKind;
import zvt.crypto.feed.simulator.VenueSimulator;
import zvt.crypto.feed.test.WebSocketTestClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Bybit simulator on a real socket: acks in each category's shape, an orderbook snapshot then deltas whose
 * {@code u} rises by exactly 1, the book kept here equal to the ground truth at the message's {@code seq}, trades,
 * pings, and a dropped delta seen as exactly the {@code u} gap the fault log records.
 */
class BybitSimulatorTest
{
    @Test
    void shouldSendTopOfBookSnapshotsTickersAndKlines() throws Exception
    {
        simulator = VenueSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(2_000)
            .klinePushIntervalMs(50), new BybitProtocol());
        try (WebSocketTestClient client = WebSocketTestClient.connect(simulator.webSocketUri() + "/v5/public/linear"))
        {
            client.send("{\"op\":\"subscribe\",\"args\":[\"orderbook.1.SOLUSDT\",\"tickers.SOLUSDT\"," +
                "\"kline.1.SOLUSDT\"]}");
            long u = 0;
            for (int i = 0; i < 3; i++)
            {
                final JsonNode top = MAPPER.readTree(client.next(m -> m.contains("\"orderbook.1.SOLUSDT\""), TIMEOUT));
                assertEquals("snapshot", top.get("type").asText());
                assertEquals(1, top.get("data").get("b").size());
                assertTrue(u == 0 || top.get("data").get("u").asLong() == u + 1);
                u = top.get("data").get("u").asLong();
            }
            final JsonNode ticker = MAPPER.readTree(client.next(m -> m.contains("\"tickers.SOLUSDT\""), TIMEOUT));
            assertNotNull(ticker.get("data").get("bid1Price"));
            final JsonNode kline = MAPPER.readTree(client.next(m -> m.contains("\"kline.1.SOLUSDT\""), TIMEOUT));
            assertEquals("1", kline.get("data").get(0).get("interval").asText());
            assertEquals(60_000 - 1, kline.get("data").get(0).get("end").asLong() -
                kline.get("data").get(0).get("start").asLong());
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private VenueSimulator simulator;

    @AfterEach
    void close()
    {
        if (simulator != null)
        {
            simulator.close();
        }
    }

    @Test
    void shouldAckInTheCategoryShapeThenSendASnapshotAndDeltasWithUPlusOne() throws Exception
    {
        simulator = VenueSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(3_000), new BybitProtocol());
        try (WebSocketTestClient linear = WebSocketTestClient.connect(simulator.webSocketUri() + "/v5/public/linear");
            WebSocketTestClient spot = WebSocketTestClient.connect(simulator.webSocketUri() + "/v5/public/spot"))
        {
            spot.send("{\"op\":\"subscribe\",\"args\":[\"publicTrade.BTCUSDT\"],\"req_id\":\"s1\"}");
            final JsonNode spotAck = MAPPER.readTree(spot.next(m -> true, TIMEOUT));
            assertTrue(spotAck.get("success").asBoolean());
            assertEquals("subscribe", spotAck.get("ret_msg").asText());
            assertEquals("s1", spotAck.get("req_id").asText());
            final JsonNode trade = MAPPER.readTree(spot.next(m -> m.contains("publicTrade"), TIMEOUT));
            assertEquals("BTCUSDT", trade.get("data").get(0).get("s").asText());
            assertTrue(Set.of("Buy", "Sell").contains(trade.get("data").get(0).get("S").asText()));

            linear.send("{\"op\":\"subscribe\",\"args\":[\"orderbook.50.BTCUSDT\"]}");
            final JsonNode linearAck = MAPPER.readTree(linear.next(m -> true, TIMEOUT));
            assertTrue(linearAck.get("success").asBoolean());
            assertEquals("", linearAck.get("ret_msg").asText());
            assertEquals("", linearAck.get("req_id").asText(), "linear acks always carry req_id");

            final JsonNode snapshot = MAPPER.readTree(linear.next(m -> true, TIMEOUT));
            assertEquals("orderbook.50.BTCUSDT", snapshot.get("topic").asText());
            assertEquals("snapshot", snapshot.get("type").asText());
            final LocalBook book = new LocalBook();
            book.apply(snapshot.get("data"));
            long u = snapshot.get("data").get("u").asLong();
            assertNotEquals(1, u, "u == 1 means a restart");
            for (int i = 1; i <= 300; i++)
            {
                final JsonNode delta = MAPPER.readTree(linear.next(m -> true, TIMEOUT));
                assertEquals("delta", delta.get("type").asText());
                assertEquals(u + 1, delta.get("data").get("u").asLong(), "u rises by 1");
                u = delta.get("data").get("u").asLong();
                book.apply(delta.get("data"));
                if (i % 100 == 0)
                {
                    book.assertEquals(simulator.groundTruthAt(BybitProtocol.marketSymbol("linear", "BTCUSDT"),
                        delta.get("data").get("seq").asLong()));
                }
            }

            linear.send("{\"op\":\"ping\",\"req_id\":\"p1\"}");
            final JsonNode pong = MAPPER.readTree(linear.next(m -> m.contains("\"op\":\"ping\""), TIMEOUT));
            assertEquals("pong", pong.get("ret_msg").asText());
            assertEquals("p1", pong.get("req_id").asText());
            linear.send("{\"op\":\"subscribe\",\"args\":[\"orderbook.7.BTCUSDT\"]}");
            assertFalse(MAPPER.readTree(linear.next(m -> m.contains("\"op\":\"subscribe\""), TIMEOUT))
                .get("success").asBoolean());
        }
    }

    /**
     * A feed's book keeps only {@code u}; the soak finds the ground truth through {@link BybitProtocol#seqOf}. That
     * holds across a resubscription because {@code u} counts every change, subscribed or not, as Bybit's does: a
     * snapshot after changes nobody was sent carries a new {@code u}, never the last delta's with a newer book.
     */
    @Test
    void shouldMapEveryUToItsSeqAndAdvanceUWhileUnsubscribed() throws Exception
    {
        final BybitProtocol protocol = new BybitProtocol();
        simulator = VenueSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(3_000), protocol);
        final String symbol = BybitProtocol.marketSymbol("linear", "BTCUSDT");
        try (WebSocketTestClient client = WebSocketTestClient.connect(simulator.webSocketUri() + "/v5/public/linear"))
        {
            // The trades keep the symbol's market running while its book is unsubscribed.
            client.send("{\"op\":\"subscribe\",\"args\":[\"publicTrade.BTCUSDT\",\"orderbook.50.BTCUSDT\"]}");
            long u = 0;
            for (int i = 0; i < 200; i++)
            {
                final JsonNode data = MAPPER.readTree(client.next(m -> m.contains("\"topic\":\"orderbook.50"), TIMEOUT))
                    .get("data");
                u = data.get("u").asLong();
                assertEquals(data.get("seq").asLong(), protocol.seqOf(symbol, u));
            }
            client.send("{\"op\":\"unsubscribe\",\"args\":[\"orderbook.50.BTCUSDT\"]}");
            client.next(m -> m.contains("\"op\":\"unsubscribe\""), TIMEOUT);
            for (int i = 0; i < 100; i++)
            {
                client.next(m -> m.contains("\"topic\":\"publicTrade"), TIMEOUT);
            }
            client.send("{\"op\":\"subscribe\",\"args\":[\"orderbook.50.BTCUSDT\"]}");
            final JsonNode snapshot = MAPPER.readTree(client.next(
                m -> m.contains("\"topic\":\"orderbook.50") && m.contains("\"type\":\"snapshot\""), TIMEOUT))
                .get("data");
            assertTrue(snapshot.get("u").asLong() > u, "u ran on while unsubscribed");
            assertEquals(snapshot.get("seq").asLong(), protocol.seqOf(symbol, snapshot.get("u").asLong()));
            assertEquals(-1, protocol.seqOf(symbol, snapshot.get("u").asLong() + 1_000_000));
        }
    }

    @Test
    void shouldShowEveryDroppedDeltaAsAGapInU() throws Exception
    {
        simulator = VenueSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(5_000)
            .faults(new SimulatorFaults().drop(StreamKind.DEPTH, 0.05)), new BybitProtocol());
        final Set<Long> missing = new HashSet<>();
        final long first;
        final long last;
        try (WebSocketTestClient client = WebSocketTestClient.connect(simulator.webSocketUri() + "/v5/public/spot"))
        {
            client.send("{\"op\":\"subscribe\",\"args\":[\"orderbook.200.ETHUSDT\"]}");
            long u = MAPPER.readTree(client.next(m -> m.contains("snapshot"), TIMEOUT)).get("data").get("u").asLong();
            first = u;
            for (int i = 0; i < 1_000; i++)
            {
                final long next = MAPPER.readTree(client.next(m -> true, TIMEOUT)).get("data").get("u").asLong();
                for (long gap = u + 1; gap < next; gap++)
                {
                    missing.add(gap);
                }
                u = next;
            }
            last = u;
        }
        final Set<Long> dropped = new HashSet<>();
        for (final FaultRecord record : simulator.faults().records(r -> r.kind() == FaultKind.DROP))
        {
            if (record.first() > first && record.first() < last)
            {
                dropped.add(record.first());
            }
        }
        assertFalse(dropped.isEmpty());
        assertEquals(dropped, missing, "exactly the dropped deltas' u are missing");
    }

    /** A client's Bybit book keyed by numeric price. */
    private static final class LocalBook
    {
        private final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
        private final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();

        void apply(final JsonNode data)
        {
            apply(data.get("b"), bids);
            apply(data.get("a"), asks);
        }

        void assertEquals(final GroundTruthBook truth)
        {
            assertNotNull(truth, "ground truth kept");
            org.junit.jupiter.api.Assertions.assertEquals(levels(truth.bidPrices(), truth.bidSizes()), levels(bids));
            org.junit.jupiter.api.Assertions.assertEquals(levels(truth.askPrices(), truth.askSizes()), levels(asks));
        }

        private static List<String> levels(final long[] prices, final long[] sizes)
        {
            final List<String> levels = new ArrayList<>();
            for (int i = 0; i < prices.length; i++)
            {
                levels.add(BigDecimal.valueOf(prices[i], 8).stripTrailingZeros().toPlainString() + "x" +
                    BigDecimal.valueOf(sizes[i], 8).stripTrailingZeros().toPlainString());
            }
            return levels;
        }

        private static List<String> levels(final TreeMap<BigDecimal, BigDecimal> side)
        {
            final List<String> levels = new ArrayList<>();
            for (final Map.Entry<BigDecimal, BigDecimal> level : side.entrySet())
            {
                levels.add(level.getKey().stripTrailingZeros().toPlainString() + "x" +
                    level.getValue().stripTrailingZeros().toPlainString());
            }
            return levels;
        }

        private static void apply(final JsonNode levels, final TreeMap<BigDecimal, BigDecimal> side)
        {
            for (final JsonNode level : levels)
            {
                final BigDecimal price = new BigDecimal(level.get(0).asText());
                final BigDecimal size = new BigDecimal(level.get(1).asText());
                if (size.signum() == 0)
                {
                    side.remove(price);
                }
                else
                {
                    side.put(price, size);
                }
            }
        }
    }
}
