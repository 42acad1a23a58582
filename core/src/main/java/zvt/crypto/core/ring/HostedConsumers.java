package zvt.crypto.core.ring;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import zvt.crypto.core.event.MarketEvent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The ring's consumers run on a host thread that has other work, the feed event loop, instead of a thread of their
 * own ({@link ConsumerThreads#HOSTED}). On two virtual cores the dearest part of an event was not its work but the
 * wake-up of the consumer thread: a futex wake by the feed loop and a context switch per burst of frames. Hosted, the
 * feed loop that published a burst handles it itself when the burst ends, through a Disruptor {@link EventPoller}.
 * <p>
 * Who drains, and when:
 * <ul>
 *   <li>a publish on the host is left to the end of its {@link PublishBurst} (or every {@link #maxDeferredSignals()}
 *       publishes, so the host never fills the ring it alone empties), else drained at once;</li>
 *   <li>a publish from another thread (control events) schedules one drain on the host;</li>
 *   <li>every idle timeout the host drains and, if nothing came since the last tick, calls {@code onTimeout} (the
 *       gateway applies subscriptions there when nothing flows).</li>
 * </ul>
 * One limit, by construction: a producer on another thread that claims a slot and stalls before publishing it holds
 * the drain at that slot; were the host to publish a whole ring's worth meanwhile, its claim would wait forever on
 * the drain only it runs. Other threads publish only control events, a claim and a publish a few lines apart.
 * <p>
 * The consumers see the same callbacks as under a {@code BatchEventProcessor}: {@code onStart} and {@code
 * onShutdown} on the host, {@code onBatchStart} before each batch, {@code endOfBatch} on its last event, and an
 * exception goes to the exception handler and skips only that event.
 */
final class HostedConsumers implements WaitStrategy, RingSignal, EventPoller.Handler<MarketEvent>
{
    private final ScheduledExecutorService host;
    private final long idleTimeoutMs;
    private final int maxDeferredSignals;
    private final LoggingExceptionHandler exceptionHandler;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable scheduledDrain = this::runScheduledDrain;
    private EventHandler<MarketEvent> handler;
    private EventPoller<MarketEvent> poller;
    private RingBuffer<MarketEvent> ring;
    private ScheduledFuture<?> idleTicks;
    private volatile Thread hostThread;
    private boolean draining;
    private boolean inBatch;
    private boolean handledSinceTick;
    private boolean shutDown;

    HostedConsumers(
        final ScheduledExecutorService host,
        final int ringSize,
        final long idleTimeoutMs,
        final LoggingExceptionHandler exceptionHandler)
    {
        this.host = host;
        this.idleTimeoutMs = idleTimeoutMs;
        this.exceptionHandler = exceptionHandler;
        maxDeferredSignals = Math.max(1, Math.min(32, ringSize / 4));
    }

    /** Joins the consumers (run in order on the host) to the ring; before {@link #start}. */
    void attach(final RingBuffer<MarketEvent> ring, final EventHandler<MarketEvent> handler)
    {
        this.ring = ring;
        this.handler = handler;
        poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
    }

    /** Runs {@code onStart} on the host and starts the idle ticks; returns once the host has run it. */
    void start(final long timeoutMs)
    {
        final boolean started = onHost(() ->
        {
            hostThread = Thread.currentThread();
            try
            {
                handler.onStart();
            }
            catch (final RuntimeException ex)
            {
                exceptionHandler.handleOnStartException(ex);
            }
            drain(); // what was published before the start
        }, timeoutMs);
        if (!started)
        {
            throw new IllegalStateException("the ring's host did not start its consumers within " + timeoutMs + " ms");
        }
        idleTicks = host.scheduleAtFixedRate(this::idleTick, idleTimeoutMs, idleTimeoutMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Handles everything published, then {@code onShutdown}: on the host, or on the caller once the host has stopped
     * (nothing runs there any more).
     *
     * @return false if the host did not finish within the timeout.
     */
    boolean drainAndStop(final long timeoutMs)
    {
        if (idleTicks != null)
        {
            idleTicks.cancel(false);
        }
        final Runnable stop = () ->
        {
            drain();
            if (!shutDown)
            {
                shutDown = true;
                try
                {
                    handler.onShutdown();
                }
                catch (final RuntimeException ex)
                {
                    exceptionHandler.handleOnShutdownException(ex);
                }
            }
        };
        return onHost(stop, timeoutMs);
    }

    public int maxDeferredSignals()
    {
        return maxDeferredSignals;
    }

    /** After every publish: on the host left to the burst's end, from anywhere else one drain scheduled there. */
    public void signalAllWhenBlocking()
    {
        if (Thread.currentThread() != hostThread)
        {
            scheduleDrain();
        }
        else if (!PublishBurst.onThisThread().defer(this))
        {
            drain();
        }
    }

    public void signalNow()
    {
        if (Thread.currentThread() == hostThread)
        {
            drain();
        }
        else
        {
            scheduleDrain();
        }
    }

    /** No consumer thread waits here: the host polls. */
    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
    {
        throw new UnsupportedOperationException("hosted consumers poll; nothing waits");
    }

    public boolean onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
    {
        try
        {
            if (!inBatch)
            {
                inBatch = true;
                handler.onBatchStart(ring.getCursor() - sequence + 1, ring.getCursor() - sequence + 1);
            }
            handler.onEvent(event, sequence, endOfBatch);
        }
        catch (final Throwable ex)
        {
            exceptionHandler.handleEventException(ex, sequence, event);
        }
        inBatch = !endOfBatch;
        handledSinceTick = true;
        return true;
    }

    /** Handles everything published so far, on the host; a drain that a handler's own publish re-enters returns. */
    private void drain()
    {
        if (draining || shutDown)
        {
            return;
        }
        draining = true;
        try
        {
            while (poller.poll(this) == EventPoller.PollState.PROCESSING)
            {
                // again: another thread may have published meanwhile
            }
        }
        catch (final Exception ex)
        {
            exceptionHandler.handleEventException(ex, poller.getSequence().get(), null);
        }
        finally
        {
            draining = false;
        }
    }

    private void scheduleDrain()
    {
        if (drainScheduled.compareAndSet(false, true))
        {
            try
            {
                host.execute(scheduledDrain);
            }
            catch (final RejectedExecutionException ex)
            {
                // the host has stopped: the ring's close drains on its caller
            }
        }
    }

    private void runScheduledDrain()
    {
        drainScheduled.set(false); // first: a publish during this drain schedules the next
        drain();
    }

    private void idleTick()
    {
        drain();
        if (!handledSinceTick && !shutDown)
        {
            try
            {
                handler.onTimeout(poller.getSequence().get());
            }
            catch (final Throwable ex)
            {
                exceptionHandler.handleEventException(ex, poller.getSequence().get(), null);
            }
        }
        handledSinceTick = false;
    }

    /** Runs the task on the host, or on the caller once the host has stopped (nothing else runs there then). */
    private boolean onHost(final Runnable task, final long timeoutMs)
    {
        try
        {
            host.submit(task).get(timeoutMs, TimeUnit.MILLISECONDS);
            return true;
        }
        catch (final RejectedExecutionException ex)
        {
            return runAfterHostStopped(task, timeoutMs);
        }
        catch (final TimeoutException ex)
        {
            return false;
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException("ring consumers failed on their host", ex.getCause());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the ring's host", ex);
        }
    }

    private boolean runAfterHostStopped(final Runnable task, final long timeoutMs)
    {
        try
        {
            if (!host.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS))
            {
                return false;
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
        task.run();
        return true;
    }
}
