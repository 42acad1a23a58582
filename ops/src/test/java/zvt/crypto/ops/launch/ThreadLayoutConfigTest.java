package zvt.crypto.ops.launch;

import org.junit.jupiter.api.Test;
import zvt.crypto.core.ring.ConsumerThreads;
import zvt.crypto.ops.config.NodeConfig;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The node's thread layout settings: where the ring's consumers and the gateway's sessions run. */
class ThreadLayoutConfigTest
{
    private static final String NO_AUTH = "ZVT_GATEWAY_AUTH_ENABLED";

    @Test
    void shouldHostTheConsumersOnTheOneFeedLoop()
    {
        assertEquals(ConsumerThreads.HOSTED, NodeSettings.ring(NodeConfig.defaults(Map.of(
            "ZVT_RING_CONSUMER_THREADS", "hosted", "ZVT_FEED_EVENT_LOOPS", "1"))).consumerThreads());
    }

    @Test
    void shouldRefuseHostedConsumersWithoutExactlyOneFeedLoop()
    {
        for (final String loops : new String[] {"0", "2"})
        {
            final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> NodeSettings.ring(NodeConfig.defaults(Map.of(
                    "ZVT_RING_CONSUMER_THREADS", "hosted", "ZVT_FEED_EVENT_LOOPS", loops))));
            assertEquals("ring.consumer.threads = hosted runs the ring's consumers on the feed event loop, so it " +
                "needs feed.event.loops = 1, not " + loops, error.getMessage());
        }
    }

    @Test
    void shouldServeGatewaySessionsOnTheFeedLoopsByDefaultAndOnOneLoopOfItsOwnWithoutThem()
    {
        final NodeConfig defaults = NodeConfig.defaults(Map.of(NO_AUTH, "false"));
        assertEquals(0, NodeSettings.gatewayIoThreads(defaults));
        assertEquals(1, NodeSettings.gateway(defaults).ioThreads());
        assertEquals(3, NodeSettings.gateway(NodeConfig.defaults(
            Map.of(NO_AUTH, "false", "ZVT_GATEWAY_IO_THREADS", "3"))).ioThreads());
    }

    @Test
    void shouldRefuseANegativeGatewayLoopCount()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> NodeSettings.gateway(NodeConfig.defaults(Map.of(NO_AUTH, "false", "ZVT_GATEWAY_IO_THREADS", "-1"))));
        assertEquals("gateway.io.threads must be 0 (the feed loops) or more: -1", error.getMessage());
    }
}
