package zvt.crypto.journal;

import net.openhft.chronicle.core.time.TimeProvider;
import org.agrona.concurrent.EpochNanoClock;

/**
 * Lets Chronicle decide its roll cycle from the pipeline's injected clock, so tests can move a journal across days.
 */
final class ClockTimeProvider implements TimeProvider
{
    private static final long NANOS_PER_MICRO = 1_000;
    private static final long NANOS_PER_MILLI = 1_000_000;

    private final EpochNanoClock clock;

    ClockTimeProvider(final EpochNanoClock clock)
    {
        this.clock = clock;
    }

    public long currentTimeMillis()
    {
        return clock.nanoTime() / NANOS_PER_MILLI;
    }

    public long currentTimeMicros()
    {
        return clock.nanoTime() / NANOS_PER_MICRO;
    }

    public long currentTimeNanos()
    {
        return clock.nanoTime();
    }
}
