package zvt.crypto.persistence.sink;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SinkIdleStrategyTest
{
    @Test
    void shouldPollQuicklyWhileEventsFlowAndSlowlyOnceTheJournalIsQuiet()
    {
        final SinkIdleStrategy idle = new SinkIdleStrategy(10, 50, 3);

        assertEquals(10, idle.nextSleepMs());
        assertEquals(10, idle.nextSleepMs());
        assertEquals(10, idle.nextSleepMs());
        assertEquals(50, idle.nextSleepMs(), "quiet after three empty polls");
        assertEquals(50, idle.nextSleepMs());

        idle.idle(1); // a poll that found events: back to quick polls, without sleeping
        assertEquals(10, idle.nextSleepMs());

        for (int i = 0; i < 5; i++)
        {
            idle.nextSleepMs();
        }
        idle.reset();
        assertEquals(10, idle.nextSleepMs());
    }
}
