package zvt.crypto.feed.test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures what a piece of hot-path code allocates on the calling thread, the way the allocation tests of every
 * venue's decoder do: one warm-up round, then rounds until one allocates nothing (the JIT has settled) or the limit.
 */
public final class Allocation
{
    private Allocation()
    {
    }

    /**
     * @param round     the code measured, e.g. decoding a batch of frames; run once to warm up, then per round.
     * @param maxRounds rounds measured at most.
     * @return bytes allocated per measured round; the last is 0 if the code settles to allocating nothing.
     */
    public static List<Long> perRound(final Runnable round, final int maxRounds)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        round.run();
        final List<Long> allocated = new ArrayList<>();
        while (allocated.size() < maxRounds && (allocated.isEmpty() || allocated.getLast() != 0))
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            round.run();
            allocated.add(threads.getCurrentThreadAllocatedBytes() - before);
        }
        return allocated;
    }
}
