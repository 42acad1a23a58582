package zvt.crypto.core.test;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting helpers for tests that drive real threads and sockets.
 */
public final class Tests
{
    private Tests()
    {
    }

    /** Polls until the condition holds, failing with the message (evaluated at failure time) after the timeout. */
    public static void await(final BooleanSupplier condition, final Duration timeout, final Supplier<String> message)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out after " + timeout + ": " + message.get());
            }
            try
            {
                Thread.sleep(5);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", ex);
            }
        }
    }
}
