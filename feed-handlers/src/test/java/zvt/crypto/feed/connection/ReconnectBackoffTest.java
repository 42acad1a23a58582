package zvt.crypto.feed.connection;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconnectBackoffTest
{
    @Test
    void shouldDoubleTheCeilingPerAttemptUpToTheCap()
    {
        final ReconnectBackoff backoff = new ReconnectBackoff(100, 5_000, 60_000, new SplittableRandom(1));

        assertEquals(100, backoff.ceilingMs(0));
        assertEquals(200, backoff.ceilingMs(1));
        assertEquals(3_200, backoff.ceilingMs(5));
        assertEquals(5_000, backoff.ceilingMs(6));
        assertEquals(5_000, backoff.ceilingMs(1_000));
    }

    @Test
    void shouldDrawEveryDelayUniformlyBetweenZeroAndTheCeiling()
    {
        final ReconnectBackoff backoff = new ReconnectBackoff(100, 1_000, 60_000, new SplittableRandom(3));
        long sumOfCappedDelays = 0;
        long min = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 2_000; attempt++)
        {
            final long ceiling = backoff.ceilingMs(backoff.attempt());
            final long delay = backoff.nextDelayMs();
            assertTrue(delay >= 0 && delay <= ceiling, "delay " + delay + " outside [0, " + ceiling + "]");
            if (attempt >= 10)
            {
                sumOfCappedDelays += delay;
            }
            min = Math.min(min, delay);
        }
        final double mean = sumOfCappedDelays / 1_990.0;
        assertTrue(mean > 400 && mean < 600, "full jitter averages half the cap, got " + mean);
        assertTrue(min < 50, "full jitter reaches down to zero, min " + min);
    }

    @Test
    void shouldStartOverOnlyAfterAStableSession()
    {
        final ReconnectBackoff backoff = new ReconnectBackoff(100, 10_000, 1_000, new SplittableRandom(5));
        for (int i = 0; i < 4; i++)
        {
            backoff.nextDelayMs();
        }

        backoff.onConnected(10_000);
        backoff.onDisconnected(10_500);
        assertEquals(4, backoff.attempt(), "a short session keeps backing off");

        backoff.onConnected(20_000);
        backoff.onDisconnected(21_000);
        assertEquals(0, backoff.attempt(), "a stable session resets the backoff");
        assertTrue(backoff.nextDelayMs() <= 100);
    }

    @Test
    void shouldRejectAnInconsistentConfiguration()
    {
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(0, 10, 0, new SplittableRandom()));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(100, 10, 0, new SplittableRandom()));
    }
}
