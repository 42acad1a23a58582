package zvt.crypto.feed.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.test.Tests;
import zvt.crypto.feed.test.RawWebSocketClient;
import zvt.crypto.feed.test.WebSocketTestClient;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind of stream fault, observed by a real WebSocket client and matched against the simulator's fault log. */
class SimulatorFaultTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BinanceSimulator simulator;

    @AfterEach
    void close()
    {
        if (simulator != null)
        {
            simulator.close();
        }
    }

    @Test
    void shouldRecordEveryDroppedDepthUpdateExactlyWhereTheClientSeesTheGap() throws Exception
    {
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(5_000)
            .faults(new SimulatorFaults().drop(StreamKind.DEPTH, 0.05)));
        final Set<Long> missingFirstIds = new HashSet<>();
        final long firstSeen;
        final long lastSeen;
        try (WebSocketTestClient client = WebSocketTestClient.connect(simulator.webSocketUri() + "/ws/btcusdt@depth"))
        {
            long previous = MAPPER.readTree(client.next(m -> true, TIMEOUT)).get("u").longValue();
            firstSeen = previous;
            for (int i = 0; i < 1_000; i++)
            {
                final JsonNode event = MAPPER.readTree(client.next(m -> true, TIMEOUT));
                if (event.get("U").longValue() != previous + 1)
                {
                    missingFirstIds.add(previous + 1);
                }
                previous = event.get("u").longValue();
            }
            lastSeen = previous;
        }
        final List<FaultRecord> drops = simulator.faults().records(r -> r.kind() == FaultKind.DROP);
        final Set<Long> recordedFirstIds = new HashSet<>();
        long previousLast = -1;
        for (final FaultRecord drop : drops)
        {
            assertEquals(StreamKind.DEPTH, drop.streamKind());
            assertEquals("BTCUSDT", drop.venueSymbol());
            // A run of consecutive drops shows as one gap starting at the first dropped U.
            if (drop.first() > firstSeen && drop.last() < lastSeen && drop.first() != previousLast + 1)
            {
                recordedFirstIds.add(drop.first());
            }
            previousLast = drop.last();
        }
        assertTrue(missingFirstIds.size() > 10, "drops happened: " + missingFirstIds.size());
        assertTrue(recordedFirstIds.containsAll(missingFirstIds) && missingFirstIds.containsAll(recordedFirstIds),
            "gaps seen " + missingFirstIds.size() + " vs recorded " + recordedFirstIds.size());
    }

    @Test
    void shouldRecordDuplicatedReorderedAndMalformedMessages() throws Exception
    {
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(5_000)
            .faults(new SimulatorFaults()
                .duplicate(StreamKind.TRADE, 0.03)
                .reorder(StreamKind.DEPTH, 0.03)
                .malformed(StreamKind.AGG_TRADE, 0.03)));
        int duplicates = 0;
        int reorders = 0;
        int malformed = 0;
        try (WebSocketTestClient client = WebSocketTestClient.connect(
            simulator.webSocketUri() + "/ws/ethusdt@trade/ethusdt@depth/ethusdt@aggTrade"))
        {
            long lastTrade = -1;
            long lastDepth = -1;
            for (int i = 0; i < 3_000; i++)
            {
                final String message = client.next(m -> true, TIMEOUT);
                final JsonNode event;
                try
                {
                    event = MAPPER.readTree(message);
                }
                catch (final JsonProcessingException ex)
                {
                    assertTrue(message.startsWith("{\"e\":\"aggTrade\""), "only aggTrades are malformed: " + message);
                    malformed++;
                    continue;
                }
                switch (event.get("e").textValue())
                {
                    case "trade" ->
                    {
                        duplicates += event.get("t").longValue() == lastTrade ? 1 : 0;
                        lastTrade = event.get("t").longValue();
                    }
                    case "depthUpdate" ->
                    {
                        reorders += event.get("U").longValue() < lastDepth ? 1 : 0;
                        lastDepth = Math.max(lastDepth, event.get("u").longValue());
                    }
                    default ->
                    {
                    }
                }
            }
        }
        final FaultLog faults = simulator.faults();
        assertTrue(duplicates > 5 && reorders > 5 && malformed > 5, duplicates + " " + reorders + " " + malformed);
        // The log runs ahead of what the client read by at most the messages still in flight.
        assertTrue(faults.count(FaultKind.DUPLICATE, StreamKind.TRADE) >= duplicates, faults.toString());
        assertTrue(faults.count(FaultKind.REORDER, StreamKind.DEPTH) >= reorders, faults.toString());
        assertTrue(faults.count(FaultKind.MALFORMED, StreamKind.AGG_TRADE) >= malformed, faults.toString());
        assertEquals(0, faults.count(FaultKind.DROP));
    }

    @Test
    void shouldDisconnectEveryConnectionOnSchedule() throws Exception
    {
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(2_000)
            .faults(new SimulatorFaults().disconnectEveryMs(500)));
        try (RawWebSocketClient client = RawWebSocketClient.connect("127.0.0.1", simulator.port(), "/ws/btcusdt@trade"))
        {
            Tests.await(() -> simulator.faults().count(FaultKind.DISCONNECT) >= 1, TIMEOUT,
                () -> simulator.faults() + " " + simulator.counters());
            assertTrue(client.awaitEnd(Duration.ofSeconds(10)),
                () -> "disconnected by the fault schedule: " + simulator.faults() + " " + simulator.counters());
            Tests.await(() -> simulator.counters().activeConnections() == 0, TIMEOUT, simulator.counters()::toString);
        }
    }

    @Test
    void shouldStallAndAnnounceShutdownOnDemand() throws Exception
    {
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(2_000));
        try (WebSocketTestClient client = WebSocketTestClient.connect(
            simulator.webSocketUri() + "/stream?streams=btcusdt@trade"))
        {
            client.next(m -> true, TIMEOUT);
            simulator.sendServerShutdown();
            final JsonNode shutdown = MAPPER.readTree(client.next(m -> m.contains("serverShutdown"), TIMEOUT));
            assertEquals("!serverShutdown", shutdown.get("stream").textValue());
            assertEquals("serverShutdown", shutdown.get("data").get("e").textValue());

            simulator.stall(600);
            Tests.await(() -> simulator.faults().count(FaultKind.STALL) == 1, TIMEOUT, simulator.faults()::toString);
            // Measured on event times, from the shutdown event on (the stall may begin right after it), so a late
            // reader (messages queued before the stall) cannot hide it.
            long longestGapMs = 0;
            long previousEventMs = shutdown.get("data").get("E").longValue();
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (longestGapMs < 500 && System.nanoTime() < deadline)
            {
                final String message = client.poll(Duration.ofMillis(1_000));
                if (message != null && message.contains("\"e\":\"trade\""))
                {
                    final long eventMs = MAPPER.readTree(message).get("data").get("E").longValue();
                    longestGapMs = Math.max(longestGapMs, eventMs - previousEventMs);
                    previousEventMs = eventMs;
                }
            }
            assertTrue(longestGapMs >= 500, "no trade for " + longestGapMs + " ms of a 600 ms stall");
            assertEquals(1, simulator.faults().count(FaultKind.SERVER_SHUTDOWN));
        }
    }
}
