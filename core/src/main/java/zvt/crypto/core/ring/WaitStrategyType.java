package zvt.crypto.core.ring;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * How ring consumers wait for events. {@link #BLOCKING} is the default: spinning strategies only pay off on
 * isolated cores, and a 2-core machine has none to spare.
 */
public enum WaitStrategyType
{
    BLOCKING,
    SLEEPING,
    YIELDING,
    BUSY_SPIN;

    public WaitStrategy newInstance()
    {
        return switch (this)
        {
            case BLOCKING -> new BlockingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }
}
