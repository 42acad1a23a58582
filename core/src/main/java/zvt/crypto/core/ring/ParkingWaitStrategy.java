package zvt.crypto.core.ring;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A wait strategy that never spins: a consumer parks both while the producers have not published its next sequence
 * and while the consumer it is gated on has not finished it. {@link BlockingWaitStrategy} parks only for the former
 * and spins on the latter, so on a 2-core machine the gateway fan-out burned CPU for as long as the journal worked
 * on each event.
 * <p>
 * Who wakes whom, on public Disruptor APIs only. Producers call {@link #signalAllWhenBlocking()} after every
 * publish, and so does a barrier when it is alerted (halt, shutdown). A consumer advances its own sequence and then
 * asks for its next one ({@link BatchEventProcessor} stores the sequence, then calls {@code waitFor}), so entering
 * {@link #waitFor} is the moment to wake the consumers gated on the caller. Each wake-up path takes the lock only
 * when someone is parked: a waiter counts itself in before its last check and a signaller fences before reading
 * the count (both sides need a full fence; {@link Sequence#set} is only a release store), so a signal cannot fall
 * between a waiter's last check and its park.
 * <p>
 * Idle: a consumer waiting for producers wakes every idle timeout (100 ms by default) even without events, with a
 * Disruptor {@link TimeoutException}, so its handlers' {@code onTimeout} runs: the gateway applies a subscription
 * (and sends a book snapshot) on a node with no traffic. Ten wakes a second cost nothing measurable.
 * <p>
 * Cost: one futex wake per parked consumer per batch, instead of a spinning core. A consumer gated on another also
 * wakes on the publish that precedes the upstream's work, then parks again until the upstream has finished. A
 * producer inside a {@link PublishBurst} wakes consumers once per burst instead of once per event.
 */
public final class ParkingWaitStrategy implements WaitStrategy, RingSignal
{
    private static final VarHandle CURSOR_WAITERS;
    private static final VarHandle DEPENDENT_WAITERS;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            CURSOR_WAITERS = lookup.findVarHandle(ParkingWaitStrategy.class, "cursorWaiters", int.class);
            DEPENDENT_WAITERS = lookup.findVarHandle(ParkingWaitStrategy.class, "dependentWaiters", int.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final int maxDeferredSignals;
    private final long idleTimeoutNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();
    private final Condition consumed = lock.newCondition();
    private volatile int cursorWaiters;
    private volatile int dependentWaiters;

    /**
     * @param ringSize slots of the ring it serves: a {@link PublishBurst} defers at most a quarter of them (and at
     *                 most 32), so a producer never fills the ring while the consumer sleeps unwoken.
     * @param idleTimeoutNanos how long a consumer waits for producers before its handlers get {@code onTimeout}.
     */
    public ParkingWaitStrategy(final int ringSize, final long idleTimeoutNanos)
    {
        maxDeferredSignals = Math.max(1, Math.min(32, ringSize / 4));
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    public int maxDeferredSignals()
    {
        return maxDeferredSignals;
    }

    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException, InterruptedException, TimeoutException
    {
        VarHandle.fullFence(); // orders the caller's sequence store before the read of dependentWaiters
        if (dependentWaiters != 0)
        {
            signal(consumed);
        }

        if (cursor.get() < sequence)
        {
            if (!await(published, CURSOR_WAITERS, sequence, cursor, barrier, idleTimeoutNanos))
            {
                throw TimeoutException.INSTANCE;
            }
        }
        long available = dependentSequence.get();
        if (available < sequence)
        {
            await(consumed, DEPENDENT_WAITERS, sequence, dependentSequence, barrier, Long.MAX_VALUE);
            available = dependentSequence.get();
        }
        return available;
    }

    /**
     * After a publish and on alert: wakes consumers waiting for producers and, for an alert, the gated ones; inside a
     * {@link PublishBurst} left to the burst's end.
     */
    public void signalAllWhenBlocking()
    {
        if (!PublishBurst.onThisThread().defer(this))
        {
            signalNow();
        }
    }

    public void signalNow()
    {
        VarHandle.fullFence(); // orders the publish (or the alert flag) before the reads of the waiter counts
        if (cursorWaiters != 0 || dependentWaiters != 0)
        {
            lock.lock();
            try
            {
                published.signalAll();
                consumed.signalAll();
            }
            finally
            {
                lock.unlock();
            }
        }
    }

    private void signal(final Condition condition)
    {
        lock.lock();
        try
        {
            condition.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Parks until {@code awaited} reaches the sequence, the barrier is alerted, or {@code timeoutNanos} pass
     * ({@code Long.MAX_VALUE}: no timeout).
     *
     * @return false if it timed out.
     */
    private boolean await(
        final Condition condition,
        final VarHandle waiters,
        final long sequence,
        final Sequence awaited,
        final SequenceBarrier barrier,
        final long timeoutNanos) throws AlertException, InterruptedException
    {
        lock.lock();
        try
        {
            waiters.getAndAdd(this, 1); // a full fence: the count is visible before the check below reads awaited
            try
            {
                long remaining = timeoutNanos;
                while (awaited.get() < sequence)
                {
                    barrier.checkAlert();
                    if (timeoutNanos == Long.MAX_VALUE)
                    {
                        condition.await();
                    }
                    else if (remaining <= 0)
                    {
                        return false;
                    }
                    else
                    {
                        remaining = condition.awaitNanos(remaining);
                    }
                }
                return true;
            }
            finally
            {
                waiters.getAndAdd(this, -1);
            }
        }
        finally
        {
            lock.unlock();
        }
    }
}
