package zvt.crypto.core.ring;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * How ring consumers wait for events. {@link #PARKING} is the default: spinning strategies only pay off on isolated
 * cores, and a 2-core machine has none to spare.
 */
public enum WaitStrategyType
{
    /** Parks for producers and for the consumer gated on ({@link ParkingWaitStrategy}); no thread ever spins. */
    PARKING,
    /** Disruptor's: parks for producers, but spins while the consumer it is gated on has not finished. */
    BLOCKING,
    /** Spins, yields, then sleeps 100 µs at a time: idles without a lock, but wakes up to 10,000 times a second. */
    SLEEPING,
    YIELDING,
    BUSY_SPIN;

    /** @param idleTimeoutNanos for {@link #PARKING}: see {@link RingContext#idleTimeoutMs(long)}. */
    public WaitStrategy newInstance(final int ringSize, final long idleTimeoutNanos)
    {
        return switch (this)
        {
            case PARKING -> new ParkingWaitStrategy(ringSize, idleTimeoutNanos);
            case BLOCKING -> new BlockingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }
}
