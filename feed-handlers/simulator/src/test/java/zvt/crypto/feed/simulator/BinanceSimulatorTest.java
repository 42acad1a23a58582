package zvt.crypto.feed.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.test.Tests;
import zvt.crypto.feed.test.RawWebSocketClient;
import zvt.crypto.feed.test.WebSocketTestClient;

import java.net.Socket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinanceSimulatorTest
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
    void shouldStreamCombinedFramesForTheStreamsInTheUrl() throws Exception
    {
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(2_000));
        try (WebSocketTestClient client = WebSocketTestClient.connect(
            simulator.webSocketUri() + "/stream?streams=btcusdt@trade/ethusdt@trade"))
        {
            final Map<String, Long> lastIds = new HashMap<>();
            for (int i = 0; i < 400; i++)
            {
                final JsonNode frame = MAPPER.readTree(client.next(m -> true, TIMEOUT));
                final String stream = frame.get("stream").textValue();
                final JsonNode data = frame.get("data");
                assertEquals("trade", data.get("e").textValue());
                assertEquals(stream, data.get("s").textValue().toLowerCase() + "@trade");
                final long id = data.get("t").longValue();
                final Long last = lastIds.put(stream, id);
                assertTrue(last == null || id == last + 1, stream + " id " + id + " after " + last);
            }
            assertEquals(2, lastIds.size(), "both streams trade: " + lastIds);
        }
    }

    @Test
    void shouldStreamRawFramesOnTheWsPath() throws Exception
    {
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(1_000));
        try (WebSocketTestClient client = WebSocketTestClient.connect(simulator.webSocketUri() + "/ws/bnbbtc@trade"))
        {
            final JsonNode trade = MAPPER.readTree(client.next(m -> true, TIMEOUT));

            assertFalse(trade.has("stream"));
            assertEquals("trade", trade.get("e").textValue());
            assertEquals("BNBBTC", trade.get("s").textValue());
        }
    }

    @Test
    void shouldAnswerLiveControlRequestsLikeBinance() throws Exception
    {
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(1_000));
        try (WebSocketTestClient client = WebSocketTestClient.connect(simulator.webSocketUri() + "/ws"))
        {
            assertEquals("{\"result\":[],\"id\":1}", request(client, "{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":1}"));
            assertEquals("{\"result\":null,\"id\":2}",
                request(client, "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@trade\",\"btcusdt@depth\"]," +
                    "\"id\":2}"));
            assertEquals("BTCUSDT", MAPPER.readTree(client.next(m -> m.contains("\"e\":\"trade\""), TIMEOUT))
                .get("s").textValue());
            assertEquals("{\"result\":[\"btcusdt@trade\",\"btcusdt@depth\"],\"id\":\"list3\"}",
                request(client, "{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":\"list3\"}"));
            assertEquals("{\"result\":null,\"id\":4}",
                request(client, "{\"method\":\"SET_PROPERTY\",\"params\":[\"combined\",true],\"id\":4}"));
            assertEquals("{\"result\":true,\"id\":5}",
                request(client, "{\"method\":\"GET_PROPERTY\",\"params\":[\"combined\"],\"id\":5}"));
            assertEquals("trade", MAPPER.readTree(client.next(m -> m.startsWith("{\"stream\":\"btcusdt@trade\""),
                TIMEOUT)).get("data").get("e").textValue());
            assertEquals("{\"result\":null,\"id\":6}",
                request(client, "{\"method\":\"UNSUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":6}"));
            final long deadline = System.nanoTime() + Duration.ofMillis(300).toNanos();
            while (System.nanoTime() < deadline)
            {
                final String message = client.poll(Duration.ofMillis(50));
                assertFalse(message != null && message.contains("@trade"), "a trade after UNSUBSCRIBE: " + message);
            }

            assertEquals(2, MAPPER.readTree(request(client, "{\"method\":\"FETCH\",\"id\":7}")).get("code").intValue());
            assertEquals(2, MAPPER.readTree(request(client, "{\"params\":[],\"id\":8}")).get("code").intValue());
            assertEquals(3, MAPPER.readTree(request(client, "not json")).get("code").intValue());
            assertEquals(0, MAPPER.readTree(request(client,
                "{\"method\":\"SET_PROPERTY\",\"params\":[\"speed\",true],\"id\":9}")).get("code").intValue());
            assertEquals(1, MAPPER.readTree(request(client,
                "{\"method\":\"SET_PROPERTY\",\"params\":[\"combined\",\"yes\"],\"id\":10}")).get("code").intValue());
            assertEquals(11, simulator.counters().controlRequests());
        }
    }

    @Test
    void shouldRejectUnknownPathsWithNotFound()
    {
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext());

        final ExecutionException failure = assertThrows(ExecutionException.class,
            () -> WebSocketTestClient.connect(simulator.webSocketUri() + "/v1/stream"));

        final WebSocketHandshakeException rejected =
            assertInstanceOf(WebSocketHandshakeException.class, failure.getCause());
        assertEquals(404, rejected.getResponse().statusCode());
    }

    @Test
    void shouldCloseAConnectionThatDoesNotAnswerPings() throws Exception
    {
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext()
            .messagesPerSecond(0).pingIntervalMs(100).pongTimeoutMs(300));
        try (RawWebSocketClient client = RawWebSocketClient.connect("127.0.0.1", simulator.port(), "/ws/btcusdt@trade"))
        {
            final long start = System.nanoTime();
            assertTrue(client.awaitEnd(TIMEOUT), "the simulator kept a connection that ignores its pings");
            final long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMs >= 300, "closed after " + elapsedMs + " ms, before the pong timeout");
            assertTrue(simulator.counters().pingsSent() >= 3, simulator.counters().toString());
            assertEquals(0, simulator.counters().pongsReceived());
        }
    }

    @Test
    void shouldDropEveryConnectionOnRequest() throws Exception
    {
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(100));
        try (RawWebSocketClient first = RawWebSocketClient.connect("127.0.0.1", simulator.port(), "/ws/btcusdt@trade");
             RawWebSocketClient second = RawWebSocketClient.connect("127.0.0.1", simulator.port(), "/stream"))
        {
            Tests.await(() -> simulator.counters().activeConnections() == 2, TIMEOUT, simulator.counters()::toString);

            simulator.dropAllConnections();

            assertTrue(first.awaitEnd(TIMEOUT), "first connection still open");
            assertTrue(second.awaitEnd(TIMEOUT), "second connection still open");
            Tests.await(() -> simulator.counters().activeConnections() == 0, TIMEOUT, simulator.counters()::toString);
        }
    }

    @Test
    void shouldSendAtTheConfiguredTotalRate() throws Exception
    {
        final long rate = 5_000;
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(rate));
        try (WebSocketTestClient client = WebSocketTestClient.connect(
            simulator.webSocketUri() + "/stream?streams=btcusdt@trade/ethusdt@trade/solusdt@trade"))
        {
            client.next(m -> true, TIMEOUT);
            final long sentBefore = simulator.counters().stepsGenerated();
            final long start = System.nanoTime();
            Thread.sleep(3_000);
            final long sent = simulator.counters().stepsGenerated() - sentBefore;
            final double seconds = (System.nanoTime() - start) / 1e9;

            final double measured = sent / seconds;
            // A starved event loop catches up at most 100 ms per tick: a loaded machine may lose some steps.
            assertTrue(measured > rate * 0.5 && measured < rate * 1.1, "sent " + measured + "/s, configured " + rate);
            assertEquals(0, simulator.counters().messagesDropped());
        }
    }

    private static String request(final WebSocketTestClient client, final String request) throws Exception
    {
        client.send(request);
        return client.next(m -> m.startsWith("{\"result\"") || m.startsWith("{\"code\""), TIMEOUT);
    }
}
