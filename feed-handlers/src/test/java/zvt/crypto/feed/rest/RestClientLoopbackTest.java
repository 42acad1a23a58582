package zvt.crypto.feed.rest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.test.Tests;
import zvt.crypto.feed.connection.ReconnectBackoff;
import zvt.crypto.feed.simulator.rest.RestFaults;
import zvt.crypto.feed.simulator.rest.RestSimulator;
import zvt.crypto.feed.simulator.rest.RestSimulatorContext;
import zvt.crypto.feed.simulator.rest.RestSimulatorCounters;
import zvt.crypto.feed.simulator.rest.SimulatedReply;
import zvt.crypto.feed.test.TestCertificates;

import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestClientLoopbackTest
{
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception
    {
        for (int i = resources.size() - 1; i >= 0; i--)
        {
            resources.get(i).close();
        }
    }

    @Test
    void shouldReturnStatusHeadersAndBodyAndNotRetryAClientError() throws Exception
    {
        final RestSimulator server = launch(new RestSimulatorContext()
            .route("/echo", query -> new SimulatedReply(200,
                ("{\"symbol\":\"" + query.parameters().get("symbol").get(0) + "\"}").getBytes(),
                Map.of("X-MBX-USED-WEIGHT-1M", "42")))
            .route("/bad", query -> SimulatedReply.json(400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}")));
        final RestClient client = client(new RestClientContext());

        final RestResponse ok = client.get(RestRequest.get(server.baseUri(), "/echo").query("symbol", "BTC USDT&x"));
        final RestResponse bad = client.get(RestRequest.get(server.baseUri(), "/bad"));

        assertEquals(200, ok.status());
        assertEquals("{\"symbol\":\"BTC USDT&x\"}", ok.bodyAsString(), "query parameters are URL-encoded");
        assertEquals("42", ok.header("x-mbx-used-weight-1m"), "header names are case-insensitive");
        assertEquals(400, bad.status());
        assertTrue(bad.bodyAsString().contains("Invalid symbol"));
        assertThrows(RestException.class, () -> bad.requireSuccess("bad"));
        assertEquals(2, client.counters().attempts(), "a 400 is final, not retried");
        assertEquals(0, client.counters().retries());
    }

    @Test
    void shouldRetryServerErrorsAndDroppedConnectionsUntilSuccess() throws Exception
    {
        final AtomicInteger calls = new AtomicInteger();
        final RestSimulator server = launch(new RestSimulatorContext()
            .route("/flaky", query -> calls.incrementAndGet() <= 2 ?
                SimulatedReply.json(502, "{}") : SimulatedReply.ok("{\"ok\":true}"))
            .faults(new RestFaults().dropEvery(4)));
        final RestClient client = client(new RestClientContext().retryInitialDelayMs(20).retryMaxDelayMs(50));

        final RestResponse first = client.get(RestRequest.get(server.baseUri(), "/flaky"));
        final RestResponse second = client.get(RestRequest.get(server.baseUri(), "/flaky"));

        assertEquals(200, first.status());
        assertEquals(200, second.status());
        assertEquals(2, client.counters().serverErrors());
        assertEquals(1, client.counters().ioErrors(), "request #4 was dropped without an answer");
        assertEquals(3, client.counters().retries());
        assertEquals(5, server.counters().requests());
    }

    @Test
    void shouldFailWithTheLastStatusWhenRetriesAreExhausted() throws Exception
    {
        final RestSimulator server = launch(new RestSimulatorContext()
            .route("/down", query -> SimulatedReply.json(503, "{}")));
        final RestClient client = client(new RestClientContext().maxAttempts(3).retryInitialDelayMs(10)
            .retryMaxDelayMs(20));

        final RestException failure =
            assertThrows(RestException.class, () -> client.get(RestRequest.get(server.baseUri(), "/down")));

        assertEquals(503, failure.status());
        assertEquals(3, server.counters().requests());
        assertEquals(1, client.counters().failures());
    }

    @Test
    void shouldHonourRetryAfterAndHoldBackEveryRequestOfTheVenue() throws Exception
    {
        final AtomicInteger calls = new AtomicInteger();
        final RestSimulator server = launch(new RestSimulatorContext()
            .route("/klines", query -> calls.incrementAndGet() == 2 ?
                new SimulatedReply(429, "{}".getBytes(), Map.of("Retry-After", "1")) : SimulatedReply.ok("[]")));
        final RestClient client = client(new RestClientContext().retryInitialDelayMs(10).retryMaxDelayMs(20));
        client.get(RestRequest.get(server.baseUri(), "/klines"));

        final long start = System.nanoTime();
        final CompletableFuture<RestResponse> throttled = client.execute(RestRequest.get(server.baseUri(), "/klines"));
        // Retries are counted once the pause is in place: the next request must wait it out too.
        Tests.await(() -> client.counters().retries() == 1, Duration.ofSeconds(5), client.counters()::toString);
        final CompletableFuture<RestResponse> later = client.execute(RestRequest.get(server.baseUri(), "/klines"));
        assertEquals(200, throttled.get(10, TimeUnit.SECONDS).status());
        assertEquals(200, later.get(10, TimeUnit.SECONDS).status());
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(1, client.counters().throttled());
        assertTrue(elapsedMs >= 1_000, "Retry-After: 1 is a floor for the delay, took " + elapsedMs + " ms");
        final List<RestSimulatorCounters.Request> log = server.counters().requestLog();
        final long throttledAt = log.get(1).receivedAtNanos();
        for (int i = 2; i < log.size(); i++)
        {
            assertTrue(log.get(i).receivedAtNanos() - throttledAt >= TimeUnit.MILLISECONDS.toNanos(990),
                "request " + i + " waited out the pause too");
        }
    }

    @Test
    void shouldGiveUpAtOnceOnABanLongerThanTheCap() throws Exception
    {
        final RestSimulator server = launch(new RestSimulatorContext()
            .route("/banned", query -> new SimulatedReply(418, "{}".getBytes(), Map.of("Retry-After", "3600"))));
        final RestClient client = client(new RestClientContext().maxRetryAfterMs(60_000));

        final long start = System.nanoTime();
        final RestException failure =
            assertThrows(RestException.class, () -> client.get(RestRequest.get(server.baseUri(), "/banned")));

        assertEquals(418, failure.status());
        assertEquals(1, server.counters().requests());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void shouldTimeOutASlowAnswerAndRetry() throws Exception
    {
        final RestSimulator server = launch(new RestSimulatorContext()
            .route("/slow", query -> SimulatedReply.ok("{}"))
            .faults(new RestFaults().slowEvery(2, 3_000)));
        final RestClient client = client(new RestClientContext().requestTimeoutMs(300).retryInitialDelayMs(10)
            .retryMaxDelayMs(20));
        client.get(RestRequest.get(server.baseUri(), "/slow"));

        final long start = System.nanoTime();
        final RestResponse response = client.get(RestRequest.get(server.baseUri(), "/slow"));
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(200, response.status());
        assertEquals(1, client.counters().timeouts());
        assertTrue(elapsedMs >= 300 && elapsedMs < 2_900, "timed out after 300 ms then retried: " + elapsedMs);

        final RestClient impatient = client(new RestClientContext().requestTimeoutMs(200).maxAttempts(1));
        final RestException failure = assertThrows(RestException.class,
            () -> impatient.get(RestRequest.get(server.baseUri(), "/slow")));
        assertInstanceOf(SocketTimeoutException.class, failure.getCause(), "request #4 is slow: " + failure);
    }

    @Test
    void shouldSpaceRetriesByCappedExponentialBackoffWithJitter() throws Exception
    {
        final RestSimulator server = launch(new RestSimulatorContext()
            .route("/down", query -> SimulatedReply.json(500, "{}")));
        final long seed = 99;
        final RestClient client = client(new RestClientContext().maxAttempts(6).retryInitialDelayMs(50)
            .retryMaxDelayMs(200).random(new SplittableRandom(seed)));

        assertThrows(RestException.class, () -> client.get(RestRequest.get(server.baseUri(), "/down")));

        final ReconnectBackoff expected = new ReconnectBackoff(50, 200, 0, new SplittableRandom(seed));
        final List<RestSimulatorCounters.Request> log = server.counters().requestLog();
        assertEquals(6, log.size());
        for (int i = 1; i < log.size(); i++)
        {
            final long ceiling = expected.ceilingMs(i - 1);
            final long delay = expected.nextDelayMs();
            final long gapMs =
                TimeUnit.NANOSECONDS.toMillis(log.get(i).receivedAtNanos() - log.get(i - 1).receivedAtNanos());
            assertTrue(delay <= ceiling && ceiling <= 200, "delay within the capped ceiling");
            assertTrue(gapMs >= delay - 2 && gapMs <= delay + 1_000, "retry " + i + ": gap " + gapMs +
                " ms for a drawn delay of " + delay + " ms");
        }
    }

    @Test
    void shouldKeepEveryWindowWithinTheWeightBudget() throws Exception
    {
        final RestSimulator server = launch(new RestSimulatorContext()
            .route("/klines", query -> SimulatedReply.ok("[]"))
            .weightBudget(20, 500));
        final RestClient client = client(new RestClientContext()
            .limiter(new RequestWeightLimiter(20, 800, TimeUnit.MILLISECONDS)));

        final long start = System.nanoTime();
        final List<CompletableFuture<RestResponse>> responses = new ArrayList<>();
        for (int i = 0; i < 30; i++)
        {
            responses.add(client.execute(RestRequest.get(server.baseUri(), "/klines").weight(2)));
        }
        for (final CompletableFuture<RestResponse> response : responses)
        {
            assertEquals(200, response.get(20, TimeUnit.SECONDS).status());
        }
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(0, server.counters().overBudget(), "the server never had to refuse a request");
        assertEquals(0, client.counters().retries());
        assertEquals(60, client.limiter().reservedWeight());
        // 20 weight at once, then 40 more at 20 per 800 ms: a window longer than the server's, as a client should
        // keep, since connection set-up delays each request by a varying amount before the server counts it.
        assertTrue(elapsedMs >= 1_000, "paced, not sent at once: " + elapsedMs + " ms");
    }

    @Test
    void shouldSpeakHttpsWithSniAndVerifyTheHost(@TempDir final Path dir) throws Exception
    {
        final TestCertificates certificates = TestCertificates.forLocalhost(dir);
        final RestSimulator server = launch(new RestSimulatorContext()
            .sslContext(certificates.serverContext())
            .route("/api/v3/ping", query -> SimulatedReply.ok("{}")));
        final RestClient client = client(new RestClientContext().sslContext(certificates.clientContext()));

        final RestResponse response = client.get(RestRequest.get("https://localhost:" + server.port(), "/api/v3/ping"));

        assertEquals(200, response.status());
        assertEquals("localhost", server.lastServerName());
        final RestClient wrongHost = client(new RestClientContext().sslContext(certificates.clientContext())
            .maxAttempts(1));
        assertThrows(RestException.class,
            () -> wrongHost.get(RestRequest.get("https://127.0.0.1:" + server.port(), "/api/v3/ping")),
            "the certificate names localhost only");
    }

    private RestSimulator launch(final RestSimulatorContext context)
    {
        final RestSimulator server = RestSimulator.launch(context);
        resources.add(server);
        return server;
    }

    private RestClient client(final RestClientContext context)
    {
        final RestClient client = new RestClient(context.name("test"));
        resources.add(client);
        return client;
    }
}
