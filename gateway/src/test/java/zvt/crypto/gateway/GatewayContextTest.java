package zvt.crypto.gateway;

import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayContextTest
{
    @Test
    void shouldConcludeDefaultsAndKeepSharedCounters()
    {
        final GatewayContext context = new GatewayContext().conclude();
        assertEquals("127.0.0.1", context.host());
        assertEquals(0, context.port());
        assertEquals("/ws", context.webSocketPath());
        assertNotNull(context.nanoClock());
        final GatewayCounters counters = context.counters();
        assertNotNull(counters);
        assertSame(counters, context.conclude().counters());
    }

    @Test
    void shouldRejectInvalidSettingsNamingThem()
    {
        assertInvalid(c -> c.port(70_000), "port");
        assertInvalid(c -> c.webSocketPath("ws"), "webSocketPath");
        assertInvalid(c -> c.maxInboundFrameBytes(10), "maxInboundFrameBytes");
        assertInvalid(c -> c.maxControlMessagesPerSecond(0), "maxControlMessagesPerSecond");
        assertInvalid(c -> c.maxSubscriptionsPerSession(0), "maxSubscriptionsPerSession");
        assertInvalid(c -> c.writeBufferLowWatermark(1000).writeBufferHighWatermark(1000), "writeBufferHighWatermark");
        assertInvalid(c -> c.commandQueueCapacity(1), "commandQueueCapacity");
        assertInvalid(c -> c.closeTimeoutMs(0), "closeTimeoutMs");
        assertInvalid(c -> c.host(" "), "host");
        assertInvalid(c -> c.restCacheBytes(-1), "restCacheBytes");
        assertInvalid(c -> c.restCacheTtlMs(0), "restCacheTtlMs");
        assertInvalid(c -> c.restCacheSettleMarginMs(-1), "restCacheSettleMarginMs");
    }

    private static void assertInvalid(final UnaryOperator<GatewayContext> setting, final String name)
    {
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> setting.apply(new GatewayContext()).conclude());
        assertTrue(ex.getMessage().startsWith(name), ex.getMessage());
    }
}
