package zvt.crypto.ops.launch;

import org.agrona.concurrent.ShutdownSignalBarrier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Waits for SIGTERM or SIGINT. The signals are handled here instead of by the JVM's shutdown, which would report
 * 143 or 130 even after a clean drain: the waiting thread closes what it runs and the command exits 0. A second
 * signal takes the JVM's default path (for a drain that hangs). Any other shutdown (System.exit, SIGHUP) still
 * releases the wait through Agrona's shutdown-hook barrier.
 */
final class StopSignal implements AutoCloseable
{
    private final ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    StopSignal()
    {
        this(() -> {});
    }

    /** @param onStop runs on the signal's thread at the first signal, e.g. to ask a loop to finish early. */
    StopSignal(final Runnable onStop)
    {
        for (final String name : new String[]{"TERM", "INT"})
        {
            final Signal signal = new Signal(name);
            previous.put(signal, Signal.handle(signal, received ->
            {
                Signal.handle(received, SignalHandler.SIG_DFL);
                onStop.run();
                barrier.signal();
            }));
        }
    }

    void await()
    {
        barrier.await();
    }

    public void close()
    {
        previous.forEach(Signal::handle);
        barrier.close();
    }
}
