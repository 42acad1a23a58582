package zvt.crypto.ops.launch;

import org.junit.jupiter.api.Test;
import zvt.crypto.core.ring.ConsumerThreads;
import zvt.crypto.ops.config.NodeConfig;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RingConfigTest
{
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
}
