package zvt.crypto.feed.simulator;

import java.util.Arrays;

/**
 * What the simulator does wrong on purpose; everything is off by default. Message faults are probabilities per
 * message per connection, set per {@link StreamKind} ({@link StreamKind#ANY} sets every kind). Every injected fault is
 * recorded in the simulator's {@link FaultLog}. Fluent setters; not thread-safe: configure before launching.
 */
public final class SimulatorFaults
{
    private static final int KINDS = StreamKind.values().length;

    private final double[] drop = new double[KINDS];
    private final double[] duplicate = new double[KINDS];
    private final double[] reorder = new double[KINDS];
    private final double[] malformed = new double[KINDS];
    private double corruptChecksum;
    private double omitSnapshot;
    private long disconnectEveryMs;
    private long stallEveryMs;
    private long stallMs;
    private double rest429Probability;
    private long retryAfterSeconds = 1;
    private double rest5xxProbability;
    private long slowSnapshotMs;
    private double slowSnapshotProbability = 1.0;

    public SimulatorFaults drop(final StreamKind kind, final double probability)
    {
        return set(drop, kind, probability);
    }

    public double drop(final StreamKind kind)
    {
        return drop[kind.ordinal()];
    }

    public SimulatorFaults duplicate(final StreamKind kind, final double probability)
    {
        return set(duplicate, kind, probability);
    }

    public double duplicate(final StreamKind kind)
    {
        return duplicate[kind.ordinal()];
    }

    /** The message is held back and sent right after the connection's next message. */
    public SimulatorFaults reorder(final StreamKind kind, final double probability)
    {
        return set(reorder, kind, probability);
    }

    public double reorder(final StreamKind kind)
    {
        return reorder[kind.ordinal()];
    }

    /** The message is replaced by its first half: a frame that is not valid JSON. */
    public SimulatorFaults malformed(final StreamKind kind, final double probability)
    {
        return set(malformed, kind, probability);
    }

    public double malformed(final StreamKind kind)
    {
        return malformed[kind.ordinal()];
    }

    /** Probability that a book message's checksum is wrong, at venues whose books carry one (OKX). */
    public SimulatorFaults corruptChecksum(final double probability)
    {
        if (!probability(probability))
        {
            throw new IllegalArgumentException("probability must be 0..1: " + probability);
        }
        this.corruptChecksum = probability;
        return this;
    }

    public double corruptChecksum()
    {
        return corruptChecksum;
    }

    /**
     * Probability that the book snapshot a venue sends on subscribe (OKX) is not sent, as OKX announced it will stop
     * sending it: the client then needs its REST snapshot path.
     */
    public SimulatorFaults omitSnapshot(final double probability)
    {
        if (!probability(probability))
        {
            throw new IllegalArgumentException("probability must be 0..1: " + probability);
        }
        this.omitSnapshot = probability;
        return this;
    }

    public double omitSnapshot()
    {
        return omitSnapshot;
    }

    /** Closes every connection abruptly this often; 0 never. */
    public SimulatorFaults disconnectEveryMs(final long disconnectEveryMs)
    {
        this.disconnectEveryMs = disconnectEveryMs;
        return this;
    }

    public long disconnectEveryMs()
    {
        return disconnectEveryMs;
    }

    /** Stops the market (nothing generated, nothing sent) for {@link #stallMs()} this often; 0 never. */
    public SimulatorFaults stallEveryMs(final long stallEveryMs)
    {
        this.stallEveryMs = stallEveryMs;
        return this;
    }

    public long stallEveryMs()
    {
        return stallEveryMs;
    }

    public SimulatorFaults stallMs(final long stallMs)
    {
        this.stallMs = stallMs;
        return this;
    }

    public long stallMs()
    {
        return stallMs;
    }

    /** Probability that a REST request is answered 429 with {@code Retry-After}. */
    public SimulatorFaults rest429Probability(final double probability)
    {
        this.rest429Probability = probability;
        return this;
    }

    public double rest429Probability()
    {
        return rest429Probability;
    }

    public SimulatorFaults retryAfterSeconds(final long retryAfterSeconds)
    {
        this.retryAfterSeconds = retryAfterSeconds;
        return this;
    }

    public long retryAfterSeconds()
    {
        return retryAfterSeconds;
    }

    /** Probability that a REST request is answered 503 (Binance: "status unknown"). */
    public SimulatorFaults rest5xxProbability(final double probability)
    {
        this.rest5xxProbability = probability;
        return this;
    }

    public double rest5xxProbability()
    {
        return rest5xxProbability;
    }

    /**
     * Delay of depth snapshot answers; the snapshot is taken when the answer is sent, so the diff stream runs on
     * meanwhile, as on a slow real connection. 0 answers at once.
     */
    public SimulatorFaults slowSnapshotMs(final long slowSnapshotMs)
    {
        this.slowSnapshotMs = slowSnapshotMs;
        return this;
    }

    public long slowSnapshotMs()
    {
        return slowSnapshotMs;
    }

    /** Share of snapshots that are slow when {@link #slowSnapshotMs()} is set; 1 (all) by default. */
    public SimulatorFaults slowSnapshotProbability(final double probability)
    {
        this.slowSnapshotProbability = probability;
        return this;
    }

    public double slowSnapshotProbability()
    {
        return slowSnapshotProbability;
    }

    /** True if any per-message fault is configured (the hot path skips the dice otherwise). */
    boolean anyMessageFault()
    {
        for (int i = 0; i < KINDS; i++)
        {
            if (drop[i] > 0 || duplicate[i] > 0 || reorder[i] > 0 || malformed[i] > 0)
            {
                return true;
            }
        }
        return false;
    }

    /** @throws IllegalArgumentException naming the first setting out of range. */
    void conclude()
    {
        for (int i = 0; i < KINDS; i++)
        {
            final double sum = drop[i] + duplicate[i] + reorder[i] + malformed[i];
            require(sum <= 1.0, "fault probabilities of " + StreamKind.values()[i] + " add up to more than 1");
        }
        require(disconnectEveryMs >= 0, "disconnectEveryMs must not be negative");
        require(stallEveryMs >= 0 && stallMs >= 0, "stall settings must not be negative");
        require(stallEveryMs == 0 || stallMs < stallEveryMs, "stallMs must be shorter than stallEveryMs");
        require(probability(rest429Probability) && probability(rest5xxProbability) &&
            probability(slowSnapshotProbability), "REST fault probabilities must be 0..1");
        require(rest429Probability + rest5xxProbability <= 1.0, "REST fault probabilities add up to more than 1");
        require(retryAfterSeconds >= 0 && slowSnapshotMs >= 0, "REST fault delays must not be negative");
    }

    private SimulatorFaults set(final double[] table, final StreamKind kind, final double probability)
    {
        if (!probability(probability))
        {
            throw new IllegalArgumentException("probability must be 0..1: " + probability);
        }
        if (kind == StreamKind.ANY)
        {
            Arrays.fill(table, probability);
        }
        else
        {
            table[kind.ordinal()] = probability;
        }
        return this;
    }

    private static boolean probability(final double value)
    {
        return value >= 0 && value <= 1.0;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
