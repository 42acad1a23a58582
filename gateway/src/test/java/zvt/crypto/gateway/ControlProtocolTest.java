package zvt.crypto.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.test.Tests;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zvt.crypto.gateway.GatewayHarness.subscribe;

/**
 * The control protocol over a real socket: bad requests get a clear error and the session keeps working; limits are
 * enforced and counted; oversized frames close the session with 1009.
 */
class ControlProtocolTest
{
    private final ManualNanoClock clock = new ManualNanoClock();
    private final GatewayHarness harness = new GatewayHarness(new GatewayContext()
        .maxSubscriptionsPerSession(2)
        .maxControlMessagesPerSecond(20)
        .maxInboundFrameBytes(1024)
        .nanoClock(clock)
        .healthDetails(() -> "{\"storage\":\"plain\"}"));

    @AfterEach
    void close()
    {
        harness.close();
    }

    @Test
    void shouldAnswerPing()
    {
        final TestClient client = harness.connect();
        assertEquals("{\"type\":\"pong\"}", sendAndNext(client, "{\"op\":\"ping\"}"));
    }

    @Test
    void shouldRejectUnknownSymbolAndKeepSessionWorking()
    {
        final TestClient client = harness.connect();
        final JsonNode error = client.request(subscribe("BINANCE", "DOGE-XYZ"));
        assertEquals("error", error.path("type").asText());
        assertEquals("unknown_symbol", error.path("code").asText());
        assertTrue(error.path("reason").asText().contains("unknown symbol"), error.toString());
        assertEquals("DOGE-XYZ", error.path("symbol").asText());
        assertEquals(1, harness.counters().rejectedRequests(Rejection.UNKNOWN_SYMBOL));

        assertWorks(client);
    }

    @Test
    void shouldRejectBadJsonAndKeepSessionWorking()
    {
        final TestClient client = harness.connect();
        assertEquals("bad_json", client.request("{\"op\":").path("code").asText());
        assertEquals("bad_json", client.request("not json at all").path("code").asText());
        assertEquals("bad_json", client.request("{\"op\":\"ping\"} trailing").path("code").asText());
        assertEquals("bad_json", client.request("{\"op\":42}").path("code").asText());
        assertEquals(4, harness.counters().rejectedRequests(Rejection.BAD_JSON));

        assertWorks(client);
    }

    @Test
    void shouldRejectUnknownOpChannelVenueAndMissingFields()
    {
        final TestClient client = harness.connect();
        final JsonNode unknownOp = client.request("{\"op\":\"dance\",\"id\":7}");
        assertEquals("unknown_op", unknownOp.path("code").asText());
        assertEquals("dance", unknownOp.path("op").asText());
        assertEquals("unknown_channel", client.request(
            "{\"op\":\"subscribe\",\"channel\":\"gossip\",\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\"}")
            .path("code").asText());
        assertEquals("unknown_venue", client.request(
            "{\"op\":\"subscribe\",\"channel\":\"trades\",\"venue\":\"MTGOX\",\"symbol\":\"BTC-USDT\"}")
            .path("code").asText());
        assertEquals("missing_field", client.request(
            "{\"op\":\"subscribe\",\"channel\":\"trades\",\"venue\":\"BINANCE\"}").path("code").asText());
        assertEquals("missing_field", client.request("{\"channel\":\"trades\"}").path("code").asText());
        assertEquals(5, harness.counters().rejectedRequests());

        assertWorks(client);
    }

    @Test
    void shouldRejectBinaryFrames()
    {
        final TestClient client = harness.connect();
        client.sendBinary(new byte[]{1, 2, 3});
        assertEquals("binary_frame", client.nextJson().path("code").asText());

        assertWorks(client);
    }

    @Test
    void shouldLimitSubscriptionsPerSession()
    {
        final TestClient client = harness.connect();
        assertEquals("subscribed", client.request(subscribe("BINANCE", "BTC-USDT")).path("type").asText());
        assertEquals("subscribed", client.request(subscribe("BINANCE", "BTC-USDT")).path("type").asText());
        assertEquals("subscribed", client.request(subscribe("BINANCE", "ETH-USDT")).path("type").asText());
        assertEquals("too_many_subscriptions", client.request(subscribe("OKX", "BTC-USDT")).path("code").asText());

        harness.publishTrade(harness.btcOkx, "1", "1", Side.BUY, "OKX");
        harness.publishTrade(harness.ethBinance, "1", "1", Side.BUY, "ETH");
        assertEquals("ETH", client.nextJson().path("tradeId").asText());
    }

    @Test
    void shouldLimitControlMessagesPerSecondAndAnswerOnlyTheFirstExcess()
    {
        final TestClient client = harness.connect();
        for (int i = 0; i < 20; i++)
        {
            client.send("{\"op\":\"ping\"}");
        }
        for (int i = 0; i < 5; i++)
        {
            client.send("{\"op\":\"ping\"}");
        }
        for (int i = 0; i < 20; i++)
        {
            assertEquals("pong", client.nextJson().path("type").asText(), "reply " + i);
        }
        assertEquals("rate_limited", client.nextJson().path("code").asText());
        Tests.await(() -> harness.counters().rejectedRequests(Rejection.RATE_LIMITED) == 5, Duration.ofSeconds(5),
            () -> "rate-limited count " + harness.counters().rejectedRequests(Rejection.RATE_LIMITED));

        clock.advance(TimeUnit.SECONDS.toNanos(1));
        // The four further excess messages were counted but not answered: the next reply is this pong.
        assertEquals("pong", client.request("{\"op\":\"ping\"}").path("type").asText());
    }

    @Test
    void shouldCloseSessionWithMessageTooBigOnOversizedFrame()
    {
        final TestClient client = harness.connect();
        client.send("{\"op\":\"ping\",\"pad\":\"" + "x".repeat(4096) + "\"}");

        final TestClient.CloseStatus status = client.closed().orTimeout(10, TimeUnit.SECONDS).join();
        assertEquals(1009, status.code(), status.toString());
        Tests.await(() -> harness.counters().rejectedRequests(Rejection.MESSAGE_TOO_BIG) == 1,
            Duration.ofSeconds(5), () -> harness.counters().toString());
        Tests.await(() -> harness.counters().sessionsOpen() == 0, Duration.ofSeconds(5),
            () -> harness.counters().toString());
        assertWorks(harness.connect());
    }

    @Test
    void shouldAnswerHealthAndNotFound() throws Exception
    {
        harness.connect();
        Tests.await(() -> harness.counters().sessionsOpen() == 1, Duration.ofSeconds(5), () -> "session not counted");
        final HttpResponse<String> health = harness.get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("application/json", health.headers().firstValue("content-type").orElse(""));
        final JsonNode body = TestClient.parse(health.body());
        assertEquals("up", body.path("status").asText());
        assertEquals(1, body.path("sessions").asInt());
        assertEquals("plain", body.path("node").path("storage").asText(), "the node's readiness details");

        assertEquals(404, harness.get("/nothing-here").statusCode());
        assertEquals("text/html; charset=utf-8", harness.get("/").headers().firstValue("content-type").orElse(""),
            "/ is the web page (WebPageTest)");
    }

    private String sendAndNext(final TestClient client, final String text)
    {
        client.send(text);
        return client.next();
    }

    private void assertWorks(final TestClient client)
    {
        assertEquals("pong", client.request("{\"op\":\"ping\"}").path("type").asText());
        assertEquals("subscribed", client.request(subscribe("BINANCE", "BTC-USDT")).path("type").asText());
        final long index = harness.publishTrade(harness.btcBinance, "65000.5", "1", Side.BUY, "WORKS");
        final JsonNode trade = client.nextJson();
        assertEquals("WORKS", trade.path("tradeId").asText());
        assertEquals(index, trade.path("journalIndex").asLong());
    }
}
