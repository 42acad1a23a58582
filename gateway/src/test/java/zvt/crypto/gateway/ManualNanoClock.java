package zvt.crypto.gateway;

import org.agrona.concurrent.NanoClock;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when the test says so.
 */
final class ManualNanoClock implements NanoClock
{
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    public long nanoTime()
    {
        return nanos.get();
    }

    void advance(final long deltaNanos)
    {
        nanos.addAndGet(deltaNanos);
    }
}
