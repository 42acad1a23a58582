package zvt.crypto.feed.connection;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.feed.test.TestRing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    void shouldFillDefaultsAndLeaveTheVenueLimitsToTheVenue()
    {
        final FeedContext context = valid().conclude();

        assertNotNull(context.clock());
        assertNotNull(context.random());
        assertEquals(FeedContext.VENUE_LIMIT, context.maxStreamsPerConnection());
        assertEquals(FeedContext.VENUE_LIMIT, context.controlMessagesPerSecond());
        assertNull(context.keepalive(), "the venue's keepalive");
    }

    @Test
    void shouldNameTheSettingThatIsWrong()
    {
        assertMessage("venue is required", valid().venue(null));
        assertMessage("ringBuffer is required", valid().ringBuffer(null));
        assertMessage("reconnectMaxDelayMs", valid().reconnectInitialDelayMs(1_000).reconnectMaxDelayMs(10));
        assertMessage("maxStreamsPerConnection", valid().maxStreamsPerConnection(-1));
    }

    private FeedContext valid()
    {
        return new FeedContext()
            .venue(Venue.BINANCE)
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
