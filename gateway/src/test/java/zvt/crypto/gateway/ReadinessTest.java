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
import zvt.crypto.core.test.Tests;
import zvt.crypto.gateway.GatewayHarness.BookLevel;
import zvt.crypto.gateway.rest.RestApi;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zvt.crypto.gateway.GatewayHarness.subscribe;

/**
 * {@code /api/v1/crypto/ready}: 503 with the node's reasons, and while a book someone subscribes to stays stale past
 * the threshold; 200 again once the reasons are gone and the book is good. {@code health} stays 200 throughout.
 */
class ReadinessTest
{
    private static final String READY = RestApi.PREFIX + "/ready";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final AtomicReference<List<String>> nodeReasons = new AtomicReference<>(List.of());
    private final GatewayHarness harness =
        new GatewayHarness(new GatewayContext().readiness(nodeReasons::get).readyBookStaleMs(200));

    @AfterEach
    void close()
    {
        harness.close();
    }

    @Test
    void shouldBeNotReadyWhileTheNodeSaysSoOrASubscribedBookStaysStale() throws Exception
    {
        assertEquals("{\"ready\":true}", body(READY, 200));

        nodeReasons.set(List.of("database writer 12000 ms behind the journal (limit 10000 ms)"));
        assertTrue(body(READY, 503).contains("not ready: database writer 12000 ms behind"));
        nodeReasons.set(List.of());

        harness.publishBook(harness.btcBinance, BookUpdateKind.SNAPSHOT, 1, List.of(new BookLevel(Side.BUY, 990, 1)));
        final TestClient client = harness.connect();
        assertEquals("subscribed", client.request(subscribe("book", "BINANCE", "BTC-USDT")).path("type").asText());
        assertEquals("book_snapshot", client.nextJson().path("type").asText());
        new ControlEventPublisher(harness.ringBuffer(), new SystemEpochNanoClock())
            .publishStatus(Venue.BINANCE, harness.btcBinance.id(), VenueStatusCode.GAP_DETECTED, "gap");
        final JsonNode stale = client.nextJson();
        assertEquals("book_status", stale.path("type").asText(), stale.toString());

        Tests.await(() -> status(READY) == 503, WAIT, () -> "a stale subscribed book makes the node not ready");
        assertTrue(body(READY, 503).contains("book BINANCE BTC-USDT stale for more than 200 ms"));
        assertEquals(200, status(RestApi.HEALTH_ALIAS), "alive all the same");

        harness.publishBook(harness.btcBinance, BookUpdateKind.SNAPSHOT, 5, List.of(new BookLevel(Side.BUY, 991, 1)));
        Tests.await(() -> status(READY) == 200, WAIT, () -> "ready again once the book is good");
    }

    @Test
    void shouldIgnoreStaleBooksNobodySubscribesTo() throws Exception
    {
        harness.publishBook(harness.btcBinance, BookUpdateKind.SNAPSHOT, 1, List.of(new BookLevel(Side.BUY, 990, 1)));
        new ControlEventPublisher(harness.ringBuffer(), new SystemEpochNanoClock())
            .publishStatus(Venue.BINANCE, harness.btcBinance.id(), VenueStatusCode.GAP_DETECTED, "gap");
        Thread.sleep(1_500);
        assertEquals("{\"ready\":true}", body(READY, 200));
    }

    private int status(final String path)
    {
        try
        {
            return harness.get(path).statusCode();
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    private String body(final String path, final int status) throws Exception
    {
        final HttpResponse<String> response = harness.get(path);
        assertEquals(status, response.statusCode(), response.body());
        return response.body();
    }
}
