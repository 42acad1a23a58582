package zvt.crypto.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.test.Tests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * 1,000 WebSocket sessions on loopback, all subscribed to one symbol's trades: each receives every trade, in order.
 */
class ThousandClientsTest
{
    private static final int CLIENTS = 1_000;
    private static final int TRADES = 2_000;

    private final GatewayHarness harness = new GatewayHarness(new GatewayContext());
    private final List<CountingClient> clients = new ArrayList<>();

    @AfterEach
    void close()
    {
        clients.forEach(CountingClient::close);
        harness.close();
    }

    @Test
    void shouldDeliverEveryTradeInOrderToEachOfAThousandClients()
    {
        for (int i = 0; i < CLIENTS; i++)
        {
            clients.add(CountingClient.subscribe(harness.http, harness.server.webSocketUri(), "BINANCE", "BTC-USDT"));
        }
        long lastIndex = -1;
        for (int i = 0; i < TRADES; i++)
        {
            lastIndex = harness.publishTrade(harness.btcBinance, "65000.1", "0.01", Side.BUY, "T-" + i);
        }
        final long expectedLast = lastIndex;
        Tests.await(() -> clients.stream().allMatch(client -> client.trades() == TRADES), Duration.ofSeconds(120),
            () -> "clients with every trade: " + clients.stream().filter(c -> c.trades() == TRADES).count() +
                ", counters " + harness.counters());
        for (final CountingClient client : clients)
        {
            assertNull(client.disorder());
            assertEquals(expectedLast, client.lastIndex());
        }
        assertEquals((long)CLIENTS * TRADES, harness.counters().messagesSent());
        assertEquals(0, harness.counters().slowConsumerDisconnects());
    }
}
