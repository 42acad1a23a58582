package zvt.crypto.core.ring;

import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * Configuration of the event ring. Validated once by {@link #conclude()}.
 */
public final class RingContext
{
    public static final int RING_SIZE_DEFAULT = 65_536;
    public static final long SHUTDOWN_TIMEOUT_MS_DEFAULT = 10_000;
    public static final long IDLE_TIMEOUT_MS_DEFAULT = 100;

    private int ringSize = RING_SIZE_DEFAULT;
    private WaitStrategyType waitStrategy = WaitStrategyType.PARKING;
    private ProducerType producerType = ProducerType.MULTI;
    private ConsumerThreads consumerThreads = ConsumerThreads.SHARED;
    private long shutdownTimeoutMs = SHUTDOWN_TIMEOUT_MS_DEFAULT;
    private long idleTimeoutMs = IDLE_TIMEOUT_MS_DEFAULT;
    private ThreadFactory threadFactory = DaemonThreadFactory.INSTANCE;
    private ScheduledExecutorService host;

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

    /**
     * {@code MULTI} (the default) unless one thread provably makes every {@code next()}/{@code publish()} call for the
     * ring's whole life; then {@code SINGLE}, which claims without a CAS and advances the cursor only on publish, so a
     * consumer never sees a claimed but unpublished slot (with {@code MULTI} it spins through that window). Who
     * publishes today:
     * <ul>
     *   <li>a node: each venue feed's event loop, plus the {@link ControlEventPublisher} (synchronized, called from
     *       the launching thread, REST callbacks and event loops when instruments are interned or a venue's status
     *       changes): several threads, so {@code MULTI};</li>
     *   <li>the backfill loader: candles and the instrument definition, both on the thread running the loader:
     *       {@code SINGLE};</li>
     *   <li>benchmarks and tests: whatever their producer threads are; one benchmark thread is {@code SINGLE}.</li>
     * </ul>
     */
    public RingContext producerType(final ProducerType producerType)
    {
        this.producerType = producerType;
        return this;
    }

    public ProducerType producerType()
    {
        return producerType;
    }

    public RingContext consumerThreads(final ConsumerThreads consumerThreads)
    {
        this.consumerThreads = consumerThreads;
        return this;
    }

    public ConsumerThreads consumerThreads()
    {
        return consumerThreads;
    }

    /** How long {@link MarketEventRing#close()} waits for consumers to drain what was published. */
    /**
     * With {@link WaitStrategyType#PARKING}: how long a consumer with no events waits before its handlers get
     * {@code onTimeout} (the gateway applies subscriptions there when nothing flows).
     */
    public RingContext idleTimeoutMs(final long idleTimeoutMs)
    {
        this.idleTimeoutMs = idleTimeoutMs;
        return this;
    }

    public long idleTimeoutMs()
    {
        return idleTimeoutMs;
    }

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

    /**
     * With {@link ConsumerThreads#HOSTED}: the single thread that runs the consumers between its other tasks. It must
     * run one task at a time on one thread (a Netty event loop, a one-thread scheduled pool).
     */
    public RingContext host(final ScheduledExecutorService host)
    {
        this.host = host;
        return this;
    }

    public ScheduledExecutorService host()
    {
        return host;
    }

    public RingContext conclude()
    {
        if ((consumerThreads == ConsumerThreads.HOSTED) != (host != null))
        {
            throw new IllegalArgumentException("a host is given exactly when the consumers are hosted: " +
                consumerThreads + (host == null ? " without" : " with") + " a host");
        }
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("ring size must be a power of two >= 2: " + ringSize);
        }
        if (idleTimeoutMs <= 0)
        {
            throw new IllegalArgumentException("idle timeout must be positive: " + idleTimeoutMs);
        }
        if (shutdownTimeoutMs <= 0)
        {
            throw new IllegalArgumentException("shutdown timeout must be positive: " + shutdownTimeoutMs);
        }
        return this;
    }
}
