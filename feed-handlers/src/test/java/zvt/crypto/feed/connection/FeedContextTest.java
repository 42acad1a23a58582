package zvt.crypto.feed.connection;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.feed.test.TestRing;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedContextTest
{
    private final TestRing ring = new TestRing(64);

    @AfterEach
    void close()
    {
        ring.close();
    }

    @Test
    void shouldNormalizeSymbolsAndFillDefaults()
    {
        final FeedContext context = valid().symbols(List.of(" btc-usdt ", "ETH-BTC")).conclude();

        assertEquals(List.of("BTC-USDT", "ETH-BTC"), context.symbols());
        assertNotNull(context.clock());
        assertNotNull(context.random());
        assertEquals(FeedContext.IDLE_TIMEOUT_MS_DEFAULT, context.idleTimeoutMs());
    }

    @Test
    void shouldNameTheSettingThatIsWrong()
    {
        assertMessage("webSocketUri must be ws:// or wss://", valid().webSocketUri("https://stream.binance.com"));
        assertMessage("symbol must be BASE-QUOTE", valid().symbols(List.of("BTCUSDT")));
        assertMessage("at least one symbol", valid().symbols(List.of()));
        assertMessage("ringBuffer is required", valid().ringBuffer(null));
        assertMessage("reconnectMaxDelayMs", valid().reconnectInitialDelayMs(1_000).reconnectMaxDelayMs(10));
        assertMessage("idleTimeoutMs", valid().idleTimeoutMs(0));
    }

    private FeedContext valid()
    {
        return new FeedContext()
            .venue(Venue.BINANCE)
            .webSocketUri("wss://stream.binance.com:9443")
            .symbols(List.of("BTC-USDT"))
            .ringBuffer(ring.ringBuffer())
            .instrumentRegistry(ring.registry())
            .controlEventPublisher(ring.publisher());
    }

    private static void assertMessage(final String expected, final FeedContext context)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, context::conclude);
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }
}
