package zvt.crypto.core.ring;

import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;

import java.util.concurrent.ThreadFactory;

/**
 * Configuration of the event ring. Validated once by {@link #conclude()}.
 */
public final class RingContext
{
    public static final int RING_SIZE_DEFAULT = 65_536;
    public static final long SHUTDOWN_TIMEOUT_MS_DEFAULT = 10_000;

    private int ringSize = RING_SIZE_DEFAULT;
    private WaitStrategyType waitStrategy = WaitStrategyType.BLOCKING;
    private ProducerType producerType = ProducerType.MULTI;
    private long shutdownTimeoutMs = SHUTDOWN_TIMEOUT_MS_DEFAULT;
    private ThreadFactory threadFactory = DaemonThreadFactory.INSTANCE;

    public RingContext ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    public int ringSize()
    {
        return ringSize;
    }

    public RingContext waitStrategy(final WaitStrategyType waitStrategy)
    {
        this.waitStrategy = waitStrategy;
        return this;
    }

    public WaitStrategyType waitStrategy()
    {
        return waitStrategy;
    }

    /** {@code MULTI} when several Netty event loops publish (the default), {@code SINGLE} when one thread does. */
    public RingContext producerType(final ProducerType producerType)
    {
        this.producerType = producerType;
        return this;
    }

    public ProducerType producerType()
    {
        return producerType;
    }

    /** How long {@link MarketEventRing#close()} waits for consumers to drain what was published. */
    public RingContext shutdownTimeoutMs(final long shutdownTimeoutMs)
    {
        this.shutdownTimeoutMs = shutdownTimeoutMs;
        return this;
    }

    public long shutdownTimeoutMs()
    {
        return shutdownTimeoutMs;
    }

    /**
     * Where consumer threads come from. Pass Netty's {@code DefaultThreadFactory} when a consumer writes to Netty
     * channels: Netty recycles its write tasks and buffer slices only on its own thread type.
     */
    public RingContext threadFactory(final ThreadFactory threadFactory)
    {
        this.threadFactory = threadFactory;
        return this;
    }

    public ThreadFactory threadFactory()
    {
        return threadFactory;
    }

    public RingContext conclude()
    {
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("ring size must be a power of two >= 2: " + ringSize);
        }
        if (shutdownTimeoutMs <= 0)
        {
            throw new IllegalArgumentException("shutdown timeout must be positive: " + shutdownTimeoutMs);
        }
        return this;
    }
}
