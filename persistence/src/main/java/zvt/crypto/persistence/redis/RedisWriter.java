package zvt.crypto.persistence.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.EpochNanoClock;
import org.jctools.queues.SpscArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.journal.Journal;
import zvt.crypto.persistence.sink.SinkIdleStrategy;
import zvt.crypto.persistence.sink.SinkSettings;
import zvt.crypto.persistence.sink.SinkStatus;
import zvt.crypto.persistence.sink.SinkTailer;

/**
 * Starts Redis's two writers: the state flusher behind {@link #ringHandler()} (add it to the ring after the
 * journal) and the stream sink tailing the journal. Neither can hold up the ring or the journal.
 * <p>
 * Thread-safety: start and close from one owner thread; the status getters from any thread.
 */
public final class RedisWriter implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(RedisWriter.class);
    /** Instruments the queue holds; each is in it at most once. */
    private static final int QUEUE_CAPACITY = 16_384;
    /** How often the state flusher drains while the state changes: a change is at most this old in Redis. */
    static final long STATE_DRAIN_MS = 5;
    private static final int STREAM_BATCH = 2_000;

    private final RedisStateHandler ringHandler;
    private final RedisStateStatus stateStatus;
    private final AgentRunner flusher;
    private final SinkTailer streams;

    private RedisWriter(
        final RedisSettings settings, final Journal journal, final InstrumentRegistry instruments,
        final EpochNanoClock clock, final CountersRegistry counters)
    {
        stateStatus = new RedisStateStatus(counters);
        final SpscArrayQueue<InstrumentState> queue = new SpscArrayQueue<>(QUEUE_CAPACITY);
        ringHandler = new RedisStateHandler(instruments, queue, settings.bookDepth(), counters);
        // Drains 5 ms apart while the state changes, which is also how long changes conflate; 50 ms once quiet.
        flusher = new AgentRunner(new SinkIdleStrategy(STATE_DRAIN_MS, 50, 200),
            ex -> LOG.error("redis state: unexpected error", ex), null,
            new RedisStateFlusher(settings, instruments, queue, ringHandler.bookCapacity(), stateStatus, clock));
        AgentRunner.startOnThread(flusher, runnable ->
        {
            final Thread thread = new Thread(runnable, "redis-state");
            thread.setDaemon(true);
            return thread;
        });
        streams = SinkTailer.start(new RedisStreamSink(settings),
            new SinkSettings(journal, STREAM_BATCH, TimeUnit.MILLISECONDS.toNanos(20),
                TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.SECONDS.toNanos(5), clock),
            new SinkStatus(counters, "zvt_redis_stream", "Redis stream sink"));
    }

    /** @param counters the node's counters registry, where both writers count what they do. */
    public static RedisWriter start(
        final RedisSettings settings, final Journal journal, final InstrumentRegistry instruments,
        final EpochNanoClock clock, final CountersRegistry counters)
    {
        final RedisWriter writer = new RedisWriter(settings, journal, instruments, clock, counters);
        LOG.info("redis writer started: {}", settings);
        return writer;
    }

    /** The ring consumer to add after the journal. */
    public RedisStateHandler ringHandler()
    {
        return ringHandler;
    }

    public RedisStateStatus stateStatus()
    {
        return stateStatus;
    }

    public SinkStatus streamStatus()
    {
        return streams.status();
    }

    /** Waits until the streams hold the journal's last entry (as it is now), or the timeout passes. */
    public boolean awaitStreamsCaughtUp(final Duration timeout) throws InterruptedException
    {
        return streams.awaitCaughtUp(timeout);
    }

    /** Appends what the journal holds to the streams (within the timeout), then stops both threads. */
    public void drainAndClose(final Duration timeout)
    {
        streams.drainAndClose(timeout);
        closeFlusher();
    }

    public void close()
    {
        streams.close();
        closeFlusher();
    }

    private void closeFlusher()
    {
        flusher.close((int)TimeUnit.SECONDS.toMillis(5), Thread::interrupt);
    }
}
