package zvt.crypto.gateway;

import org.junit.jupiter.api.Test;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.test.Tests;
import zvt.crypto.gateway.fanout.FanoutEventHandler;
import zvt.crypto.gateway.ws.GatewayServer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starting and stopping the server.
 */
class GatewayServerTest
{
    @Test
    void shouldFailClearlyWhenThePortIsTaken()
    {
        try (GatewayHarness harness = new GatewayHarness(new GatewayContext()))
        {
            final int port = harness.server.port();
            final GatewayContext second = new GatewayContext().port(port);
            final InstrumentRegistry instruments = new InstrumentRegistry();
            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> GatewayServer.launch(second, instruments, new FanoutEventHandler(second, instruments)));
            assertTrue(ex.getMessage().contains("127.0.0.1:" + port), ex.getMessage());
        }
    }

    @Test
    void shouldTellSessionsTheServerIsGoingAwayWhenClosed()
    {
        try (GatewayHarness harness = new GatewayHarness(new GatewayContext()))
        {
            final TestClient client = harness.connect();
            assertEquals("pong", client.request("{\"op\":\"ping\"}").path("type").asText());

            harness.server.close();
            harness.server.close();

            final TestClient.CloseStatus status = client.closed().orTimeout(10, TimeUnit.SECONDS).join();
            assertEquals(1001, status.code(), status.toString());
            Tests.await(() -> harness.counters().sessionsOpen() == 0, Duration.ofSeconds(5),
                () -> harness.counters().toString());
        }
    }
}
