package zvt.crypto.gateway.replay;

import io.netty.util.concurrent.DefaultThreadFactory;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.gateway.GatewayContext;
import zvt.crypto.gateway.fanout.SubscriptionCommandQueue;
import zvt.crypto.journal.Journal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs sessions' journal replays ({@code resume_from}, {@code replay}), each on a thread of its own, at most
 * {@link GatewayContext#maxConcurrentReplays()} at once: a replay blocks while its client reads (and while it paces),
 * so it must hold no event loop and, above all, never the ring. Readers are the journal's own, so replays never slow
 * the appender. Threads are made on demand and end after a minute idle.
 */
public final class JournalReplays implements AutoCloseable
{
    private final Journal journal;
    private final InstrumentRegistry instruments;
    private final SubscriptionCommandQueue commands;
    private final long stallTimeoutMs;
    private final Semaphore running;
    private final ExecutorService threads = Executors.newCachedThreadPool(new DefaultThreadFactory("gateway-replay", true));

    /**
     * @param commands the fan-out's queue, for resumed sessions to go live.
     */
    public JournalReplays(
        final GatewayContext context, final InstrumentRegistry instruments, final SubscriptionCommandQueue commands)
    {
        this.journal = context.journal();
        this.instruments = instruments;
        this.commands = commands;
        this.stallTimeoutMs = context.replayStallTimeoutMs();
        this.running = new Semaphore(context.maxConcurrentReplays());
    }

    /**
     * Starts a replay, unless as many as allowed are running.
     *
     * @return false if it was not started.
     */
    public boolean start(final SocketReplay replay)
    {
        if (!running.tryAcquire())
        {
            return false;
        }
        threads.execute(() ->
        {
            try
            {
                replay.run();
            }
            finally
            {
                running.release();
            }
        });
        return true;
    }

    Journal journal()
    {
        return journal;
    }

    InstrumentRegistry instruments()
    {
        return instruments;
    }

    SubscriptionCommandQueue commands()
    {
        return commands;
    }

    long stallTimeoutMs()
    {
        return stallTimeoutMs;
    }

    /** Stops taking replays; running ones end as their sessions close. */
    public void close()
    {
        threads.shutdown();
        try
        {
            threads.awaitTermination(1, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
