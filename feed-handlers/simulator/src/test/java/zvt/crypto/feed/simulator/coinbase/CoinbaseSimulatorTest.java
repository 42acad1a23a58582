package zvt.crypto.feed.simulator.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.simulator.FaultKind;
import zvt.crypto.feed.simulator.SimulatorFaults;
import zvt.crypto.feed.simulator.StreamKind;
import zvt.crypto.feed.simulator.VenueSimulator;
import zvt.crypto.feed.test.WebSocketTestClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Coinbase Advanced Trade simulator on a real socket: a {@code subscriptions} reply per subscribe,
 * {@code sequence_num} from 0 and +1 for every message across channels, an {@code l2_data} snapshot then updates
 * that never cross, trades, heartbeats every second with a counter +1, and dropped messages seen as exactly as many
 * missing sequence numbers as the fault log records.
 */
class CoinbaseSimulatorTest
{
    @Test
    void shouldSendTickersAndFiveMinuteCandles() throws Exception
    {
        simulator = VenueSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(2_000)
            .klinePushIntervalMs(50), new CoinbaseProtocol());
        try (WebSocketTestClient client = WebSocketTestClient.connect(simulator.webSocketUri() + "/"))
        {
            client.send("{\"type\":\"subscribe\",\"product_ids\":[\"SOL-USD\"],\"channel\":\"ticker\"}");
            client.send("{\"type\":\"subscribe\",\"product_ids\":[\"SOL-USD\"],\"channel\":\"candles\"}");
            final JsonNode ticker = MAPPER.readTree(client.next(m -> m.startsWith("{\"channel\":\"ticker\""), TIMEOUT))
                .get("events").get(0).get("tickers").get(0);
            assertTrue(new BigDecimal(ticker.get("best_bid").asText())
                .compareTo(new BigDecimal(ticker.get("best_ask").asText())) < 0);
            final JsonNode candle = MAPPER.readTree(client.next(m -> m.startsWith("{\"channel\":\"candles\""),
                TIMEOUT)).get("events").get(0).get("candles").get(0);
            assertEquals(0, Long.parseLong(candle.get("start").asText()) % 300, "five-minute buckets, in seconds");
            assertEquals("SOL-USD", candle.get("product_id").asText());
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
    void shouldNumberEveryMessageOfTheConnectionContiguouslyAcrossChannels() throws Exception
    {
        simulator = VenueSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(2_000),
            new CoinbaseProtocol());
        try (WebSocketTestClient client = WebSocketTestClient.connect(simulator.webSocketUri() + "/"))
        {
            client.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channel\":\"level2\"}");
            final JsonNode subscriptions = MAPPER.readTree(client.next(m -> true, TIMEOUT));
            assertEquals("subscriptions", subscriptions.get("channel").asText());
            assertEquals(0, subscriptions.get("sequence_num").asLong());
            assertEquals("BTC-USD",
                subscriptions.get("events").get(0).get("subscriptions").get("level2").get(0).asText());
            final JsonNode snapshot = MAPPER.readTree(client.next(m -> true, TIMEOUT));
            assertEquals("l2_data", snapshot.get("channel").asText());
            assertEquals(1, snapshot.get("sequence_num").asLong());
            assertEquals("snapshot", snapshot.get("events").get(0).get("type").asText());
            Instant.parse(snapshot.get("timestamp").asText());
            final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
            final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
            apply(snapshot, bids, asks);

            client.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channel\":\"market_trades\"}");
            client.send("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}");
            long sequence = 1;
            int trades = 0;
            long heartbeatCounter = 0;
            final long until = System.nanoTime() + Duration.ofMillis(2_500).toNanos();
            while (System.nanoTime() < until || heartbeatCounter < 2)
            {
                final JsonNode message = MAPPER.readTree(client.next(m -> true, TIMEOUT));
                assertEquals(sequence + 1, message.get("sequence_num").asLong(), "contiguous across channels");
                sequence = message.get("sequence_num").asLong();
                switch (message.get("channel").asText())
                {
                    case "l2_data" ->
                    {
                        apply(message, bids, asks);
                        assertTrue(bids.firstKey().compareTo(asks.firstKey()) < 0, "never crossed");
                    }
                    case "market_trades" -> trades++;
                    case "heartbeats" ->
                    {
                        final long counter = message.get("events").get(0).get("heartbeat_counter").asLong();
                        assertEquals(heartbeatCounter + 1, counter);
                        heartbeatCounter = counter;
                    }
                    default -> assertEquals("subscriptions", message.get("channel").asText());
                }
            }
            assertTrue(trades > 0);
        }
    }

    @Test
    void shouldShowEveryDroppedMessageAsAMissingSequenceNumber() throws Exception
    {
        simulator = VenueSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(5_000)
            .faults(new SimulatorFaults().drop(StreamKind.DEPTH, 0.05)), new CoinbaseProtocol());
        long missing = 0;
        try (WebSocketTestClient client = WebSocketTestClient.connect(simulator.webSocketUri() + "/"))
        {
            client.send("{\"type\":\"subscribe\",\"product_ids\":[\"ETH-USD\"],\"channel\":\"level2\"}");
            long sequence = MAPPER.readTree(client.next(m -> true, TIMEOUT)).get("sequence_num").asLong();
            for (int i = 0; i < 1_000; i++)
            {
                final long next = MAPPER.readTree(client.next(m -> true, TIMEOUT)).get("sequence_num").asLong();
                missing += next - sequence - 1;
                sequence = next;
            }
            // Stop the market and drain; the next subscriptions reply's number reveals drops at the very end too.
            simulator.pause(60_000);
            String message;
            while ((message = client.poll(Duration.ofMillis(500))) != null)
            {
                final long next = MAPPER.readTree(message).get("sequence_num").asLong();
                missing += next - sequence - 1;
                sequence = next;
            }
            client.send("{\"type\":\"subscribe\",\"product_ids\":[\"ETH-USD\"],\"channel\":\"ticker\"}");
            final JsonNode reply = MAPPER.readTree(client.next(m -> m.contains("subscriptions"), TIMEOUT));
            missing += reply.get("sequence_num").asLong() - sequence - 1;
        }
        final long dropped = simulator.faults().records(r -> r.kind() == FaultKind.DROP).size();
        assertTrue(dropped > 0);
        assertEquals(dropped, missing, "one missing sequence_num per dropped message");
    }

    private static void apply(
        final JsonNode message, final TreeMap<BigDecimal, BigDecimal> bids, final TreeMap<BigDecimal, BigDecimal> asks)
    {
        for (final JsonNode update : message.get("events").get(0).get("updates"))
        {
            final TreeMap<BigDecimal, BigDecimal> side = "bid".equals(update.get("side").asText()) ? bids : asks;
            final BigDecimal price = new BigDecimal(update.get("price_level").asText());
            final BigDecimal quantity = new BigDecimal(update.get("new_quantity").asText());
            if (quantity.signum() == 0)
            {
                side.remove(price);
            }
            else
            {
                side.put(price, quantity);
            }
        }
    }
}
