package zvt.crypto.core.ring;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.event.MarketEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline topology: one ring of pre-allocated {@link MarketEvent} slots, the journal appender as the first
 * consumer and every other consumer after it, so each sees the journal index of the event it handles. They run on one
 * thread in that order ({@link ConsumerThreads#SHARED}, the default) or each on its own thread gated on the journal's
 * sequence ({@link ConsumerThreads#SEPARATE}), or on a thread the ring is given, between that thread's other tasks
 * ({@link ConsumerThreads#HOSTED}: the node's feed event loop).
 * <pre>
 *   producers (feed event loops) ──► ring ──► journal ──┬──► consumer 1 (gateway fan-out)
 *                                                       ├──► consumer 2 (redis, metrics, ...)
 *                                                       └──► ...
 * </pre>
 * {@link #close()} drains: it waits until every published event has passed every consumer, then halts them.
 * <p>
 * Waiting: with {@link WaitStrategyType#PARKING} (the default) no consumer thread spins, neither for the producers
 * nor for the journal ahead of it, which matters where consumers share two cores with feeds and the database
 * writer. Producers: {@link RingContext#producerType} is {@code SINGLE} only where one thread provably publishes
 * everything; the node's ring is {@code MULTI} because every venue loop and the control-event publisher write to it.
 */
public final class MarketEventRing implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(MarketEventRing.class);

    private final Disruptor<MarketEvent> disruptor;
    private final RingContext context;
    private final LoggingExceptionHandler exceptionHandler = new LoggingExceptionHandler();
    private final CountDownLatch consumersStarted;
    private final HostedConsumers hosted;
    private boolean started;
    private boolean closed;

    public MarketEventRing(
        final RingContext context,
        final EventHandler<MarketEvent> journal,
        final List<? extends EventHandler<MarketEvent>> afterJournal)
    {
        this.context = context.conclude();
        hosted = context.consumerThreads() == ConsumerThreads.HOSTED ?
            new HostedConsumers(context.host(), context.ringSize(), context.idleTimeoutMs(), exceptionHandler) : null;
        disruptor = new Disruptor<>(
            MarketEvent::new,
            context.ringSize(),
            context.threadFactory(),
            context.producerType(),
            hosted != null ? hosted : context.waitStrategy().newInstance(
                context.ringSize(), TimeUnit.MILLISECONDS.toNanos(context.idleTimeoutMs())));
        disruptor.setDefaultExceptionHandler(exceptionHandler);
        if (hosted != null)
        {
            consumersStarted = null;
            hosted.attach(disruptor.getRingBuffer(), new SequentialHandlers(inOrder(journal, afterJournal)));
        }
        else if (afterJournal.isEmpty() || this.context.consumerThreads() == ConsumerThreads.SHARED)
        {
            consumersStarted = new CountDownLatch(1);
            disruptor.handleEventsWith(new StartSignallingHandler(
                new SequentialHandlers(inOrder(journal, afterJournal)), consumersStarted));
        }
        else
        {
            consumersStarted = new CountDownLatch(1 + afterJournal.size());
            @SuppressWarnings("unchecked")
            final EventHandler<MarketEvent>[] handlers = new EventHandler[afterJournal.size()];
            for (int i = 0; i < handlers.length; i++)
            {
                handlers[i] = new StartSignallingHandler(afterJournal.get(i), consumersStarted);
            }
            disruptor.handleEventsWith(new StartSignallingHandler(journal, consumersStarted)).then(handlers);
        }
    }

    private static List<EventHandler<MarketEvent>> inOrder(
        final EventHandler<MarketEvent> journal, final List<? extends EventHandler<MarketEvent>> afterJournal)
    {
        final List<EventHandler<MarketEvent>> inOrder = new ArrayList<>(1 + afterJournal.size());
        inOrder.add(journal);
        inOrder.addAll(afterJournal);
        return inOrder;
    }

    /**
     * Starts every consumer thread (hosted: runs {@code onStart} on the host) and returns once all of them run, so an
     * immediate close still drains.
     */
    public synchronized MarketEventRing start()
    {
        if (!started && hosted != null)
        {
            hosted.start(context.shutdownTimeoutMs());
            started = true;
        }
        else if (!started)
        {
            disruptor.start();
            started = true;
            try
            {
                if (!consumersStarted.await(context.shutdownTimeoutMs(), TimeUnit.MILLISECONDS))
                {
                    throw new IllegalStateException("ring consumers did not start within " +
                        context.shutdownTimeoutMs() + " ms");
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the ring", ex);
            }
        }
        return this;
    }

    /** Producers claim and publish here; see {@link com.lmax.disruptor.RingBuffer#publishEvent}. */
    public RingBuffer<MarketEvent> ringBuffer()
    {
        return disruptor.getRingBuffer();
    }

    /** Exceptions consumers threw and the ring survived. */
    public long consumerErrors()
    {
        return exceptionHandler.count();
    }

    public synchronized void close()
    {
        if (closed || !started)
        {
            closed = true;
            return;
        }
        closed = true;
        if (hosted != null)
        {
            if (!hosted.drainAndStop(context.shutdownTimeoutMs()))
            {
                LOG.error("ring's host did not drain it within {} ms", context.shutdownTimeoutMs());
            }
            return;
        }
        try
        {
            disruptor.shutdown(context.shutdownTimeoutMs(), TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException ex)
        {
            LOG.error("ring did not drain within {} ms; halting with events unprocessed", context.shutdownTimeoutMs());
            disruptor.halt();
        }
    }
}
