package zvt.crypto.feed.simulator;

import java.util.SplittableRandom;

/**
 * The REST faults of the catalogue, the same at every venue: a request answered 429 (with Retry-After) or 5xx, and
 * book snapshots answered late ({@link SimulatorFaults}). Each roll is recorded in the {@link FaultLog}; the venue
 * writes the answer in its own error shape. Deterministic for a seed. Used on the simulator's event loop only.
 */
public final class RestFaultDice
{
    /** No fault: answer the request. */
    public static final int ANSWER = 0;
    /** Answer 429 with {@link SimulatorFaults#retryAfterSeconds()}. */
    public static final int TOO_MANY_REQUESTS = 1;
    /** Answer 503. */
    public static final int UNAVAILABLE = 2;

    private final BinanceSimulatorContext context;
    private final FaultLog faultLog;
    private final SplittableRandom random;

    public RestFaultDice(final BinanceSimulatorContext context, final FaultLog faultLog, final long seed)
    {
        this.context = context;
        this.faultLog = faultLog;
        this.random = new SplittableRandom(seed);
    }

    /** @return {@link #ANSWER}, {@link #TOO_MANY_REQUESTS} or {@link #UNAVAILABLE}, the fault recorded. */
    public int roll(final String path)
    {
        final SimulatorFaults faults = context.faults();
        double dice = random.nextDouble();
        if ((dice -= faults.rest429Probability()) < 0)
        {
            record(FaultKind.REST_429, path);
            return TOO_MANY_REQUESTS;
        }
        if (dice - faults.rest5xxProbability() < 0)
        {
            record(FaultKind.REST_5XX, path);
            return UNAVAILABLE;
        }
        return ANSWER;
    }

    /**
     * @return the delay of this snapshot answer in ms, 0 to answer now; a delay is recorded. Take the snapshot when
     * answering: the stream runs on meanwhile, as it would while a real answer is slow.
     */
    public long snapshotDelayMs(final String what)
    {
        final SimulatorFaults faults = context.faults();
        if (faults.slowSnapshotMs() > 0 && random.nextDouble() < faults.slowSnapshotProbability())
        {
            record(FaultKind.SLOW_SNAPSHOT, what);
            return faults.slowSnapshotMs();
        }
        return 0;
    }

    private void record(final FaultKind kind, final String what)
    {
        faultLog.record(new FaultRecord(kind, 0, null, what, 0, 0, 1, context.epochClock().time()));
    }
}
