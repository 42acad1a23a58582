package zvt.crypto.gateway.auth;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest
{
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long START = 5 * SECOND;

    @Test
    void shouldAllowTheBurstThenSayHowLongToWait()
    {
        final TokenBucket bucket = new TokenBucket(3, 2, START);
        for (int i = 0; i < 3; i++)
        {
            assertEquals(0, bucket.tryAcquire(START), "token " + i + " of the burst");
        }
        assertEquals(SECOND / 2, bucket.tryAcquire(START), "one token comes back every half second");
        assertEquals(SECOND / 2 - 100, bucket.tryAcquire(START + 100), "a refusal takes nothing");
        assertEquals(0, bucket.tryAcquire(START + SECOND / 2));
        assertTrue(bucket.tryAcquire(START + SECOND / 2) > 0);
    }

    @Test
    void shouldRefillToCapacityAndNoFurther()
    {
        final TokenBucket bucket = new TokenBucket(2, 10, START);
        assertEquals(0, bucket.tryAcquire(START));
        assertEquals(0, bucket.tryAcquire(START));
        final long muchLater = START + 3600 * SECOND;
        assertEquals(0, bucket.tryAcquire(muchLater));
        assertEquals(0, bucket.tryAcquire(muchLater));
        assertTrue(bucket.tryAcquire(muchLater) > 0, "an hour idle still holds only the capacity");
    }

    @Test
    void shouldWorkAcrossNanoTimeWrap()
    {
        final long nearWrap = Long.MAX_VALUE - SECOND / 4;
        final TokenBucket bucket = new TokenBucket(1, 1, nearWrap);
        assertEquals(0, bucket.tryAcquire(nearWrap));
        assertTrue(bucket.tryAcquire(nearWrap + SECOND / 2) > 0, "wrapped past Long.MAX_VALUE, still within 1 s");
        assertEquals(0, bucket.tryAcquire(nearWrap + SECOND));
    }

    @Test
    void shouldGiveOutExactlyTheCapacityToRacingThreads() throws InterruptedException
    {
        final TokenBucket bucket = new TokenBucket(1000, 1, START);
        final AtomicInteger taken = new AtomicInteger();
        final List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++)
        {
            threads.add(Thread.ofPlatform().start(() ->
            {
                for (int i = 0; i < 1000; i++)
                {
                    if (bucket.tryAcquire(START) == 0)
                    {
                        taken.incrementAndGet();
                    }
                }
            }));
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        assertEquals(1000, taken.get());
    }

    @Test
    void shouldRefuseNonPositiveSettings()
    {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, START));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, START));
    }
}
