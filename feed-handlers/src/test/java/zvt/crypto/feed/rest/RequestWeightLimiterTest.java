package zvt.crypto.feed.rest;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestWeightLimiterTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void shouldAllowTheWholeBudgetAsABurstThenWaitForTheOldestToLeaveTheWindow()
    {
        final RequestWeightLimiter limiter = new RequestWeightLimiter(10, 1_000, TimeUnit.MILLISECONDS);
        final long now = 5_000 * MS;

        for (int i = 0; i < 10; i++)
        {
            assertEquals(0, limiter.reserve(1, now), "burst request " + i);
        }
        assertEquals(1_000 * MS, limiter.reserve(1, now));
        assertEquals(1_000 * MS, limiter.reserve(1, now), "the whole burst left the window at once");
        assertEquals(750 * MS, limiter.reserve(1, now + 250 * MS), "released in booking order");
        assertEquals(2_000 * MS, limiter.reserve(25, now), "heavier than the limit: alone, once the window is empty");
    }

    @Test
    void shouldNeverLetAnyWindowExceedTheLimit()
    {
        final SplittableRandom random = new SplittableRandom(17);
        final RequestWeightLimiter limiter = new RequestWeightLimiter(50, 1_000, TimeUnit.MILLISECONDS);
        final List<long[]> sends = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 2_000; i++)
        {
            now += random.nextLong(40 * MS);
            final int weight = 1 + random.nextInt(10);
            sends.add(new long[]{now + limiter.reserve(weight, now), weight});
        }
        sends.sort((a, b) -> Long.compare(a[0], b[0]));
        for (int i = 0; i < sends.size(); i++)
        {
            long weightInWindow = 0;
            for (int j = i; j < sends.size() && sends.get(j)[0] < sends.get(i)[0] + 1_000 * MS; j++)
            {
                weightInWindow += sends.get(j)[1];
            }
            assertTrue(weightInWindow <= 50, "window from send " + i + " holds " + weightInWindow);
        }
    }

    @Test
    void shouldHoldEveryoneBackWhilePaused()
    {
        final RequestWeightLimiter limiter = new RequestWeightLimiter(100, 1, TimeUnit.SECONDS);

        limiter.pauseUntil(3_000 * MS);

        assertEquals(2_000 * MS, limiter.reserve(1, 1_000 * MS));
        assertEquals(0, limiter.reserve(1, 3_000 * MS));
    }

    @Test
    void shouldReadRetryAfterInSecondsOrAsAnHttpDate()
    {
        final long now = 1_445_412_480_000L; // Wed, 21 Oct 2015 07:28:00 GMT

        assertEquals(120_000, RetryAfter.parseMs("120", now));
        assertEquals(0, RetryAfter.parseMs("0", now));
        assertEquals(30_000, RetryAfter.parseMs("Wed, 21 Oct 2015 07:28:30 GMT", now));
        assertEquals(0, RetryAfter.parseMs("Wed, 21 Oct 2015 07:00:00 GMT", now), "a date in the past: now");
        assertEquals(-1, RetryAfter.parseMs(null, now));
        assertEquals(-1, RetryAfter.parseMs("soon", now));
        assertEquals(-1, RetryAfter.parseMs("12s", now));
        assertEquals(-1, RetryAfter.parseMs("99999999999999", now));
    }
}
