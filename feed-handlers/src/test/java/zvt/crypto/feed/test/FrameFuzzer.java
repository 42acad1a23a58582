package zvt.crypto.feed.test;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.feed.venue.FrameDecoder;
import zvt.crypto.feed.test.FrameMutator.Mutation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Feeds a venue's decoder (through a {@link FrameDecoder}, e.g. {@link DecoderHarness#deliver}) with mutations of its own recorded frames and fails on the first frame that
 * makes an exception escape, or that the adapter does not account for exactly once. Venue-neutral:
 * <pre>{@code
 * FrameFuzzer.Result result = new FrameFuzzer(seedFrames, 42L)
 *     .accounted(() -> counters.events() + counters.ignored() + counters.decodeErrors())
 *     .betweenFrames(this::answerSnapshots)        // optional: timers, snapshot answers
 *     .run(harness::deliver, 1_000_000);
 * }</pre>
 * Seeds are taken in recorded order, round robin, so ids keep rising and books stay in sequence between mutated
 * frames; each case mutates its seed with a {@link Mutation} drawn uniformly (one in thirteen is the original frame).
 * A failure names the random seed, the case, the mutation, and an excerpt of both the seed and the mutated frame;
 * the same random seed replays the same frames (hooks that draw random numbers should own their own
 * {@link FrameMutator} or {@link SplittableRandom}, so they do not shift the frames). Not thread-safe; run on the thread that owns the adapter.
 */
public final class FrameFuzzer
{
    private static final int EXCERPT_BYTES = 400;

    private final long randomSeed;
    private final SplittableRandom random;
    private final FrameMutator mutator;
    private final List<FrameMutator.Seed> seeds = new ArrayList<>();
    private LongSupplier accounted;
    private Runnable betweenFrames = () -> {};

    /**
     * @param seedFrames recorded frames of one venue, one message each, in recorded order.
     * @param randomSeed drives every choice; print it to replay a failure.
     */
    public FrameFuzzer(final List<byte[]> seedFrames, final long randomSeed)
    {
        if (seedFrames.isEmpty())
        {
            throw new IllegalArgumentException("no seed frames");
        }
        this.randomSeed = randomSeed;
        random = new SplittableRandom(randomSeed);
        mutator = new FrameMutator(random.split());
        seedFrames.forEach(frame -> seeds.add(mutator.index(frame)));
    }

    /**
     * Checks that the adapter accounts for every frame exactly once.
     *
     * @param framesAccounted frames the adapter has accounted for so far (e.g. accepted + ignored + rejected); read
     *                        before and after each frame, it must grow by exactly one.
     */
    public FrameFuzzer accounted(final LongSupplier framesAccounted)
    {
        this.accounted = framesAccounted;
        return this;
    }

    /** Runs after each frame, outside the accounting check: the feed's timers, snapshot answers and the like. */
    public FrameFuzzer betweenFrames(final Runnable betweenFrames)
    {
        this.betweenFrames = betweenFrames;
        return this;
    }

    /**
     * Hands {@code cases} mutated frames to {@code adapter}.
     *
     * @throws AssertionError on the first frame that throws (the exception is the cause) or is not accounted once.
     */
    public Result run(final FrameDecoder adapter, final long cases)
    {
        final long[] perMutation = new long[Mutation.values().length];
        final long start = System.nanoTime();
        for (long i = 0; i < cases; i++)
        {
            final int seedIndex = (int)(i % seeds.size());
            final FrameMutator.Seed seed = seeds.get(seedIndex);
            final Mutation mutation = mutator.pick();
            final int length = mutator.mutate(seed, mutation);
            perMutation[mutation.ordinal()]++;
            final long before = accounted == null ? 0 : accounted.getAsLong();
            try
            {
                adapter.decode(mutator.buffer(), 0, length);
            }
            catch (final Throwable ex)
            {
                throw new AssertionError(describe("escaped " + ex, i, seed, mutation, length), ex);
            }
            if (accounted != null && accounted.getAsLong() - before != 1)
            {
                throw new AssertionError(describe("accounted " + (accounted.getAsLong() - before) +
                    " times instead of once", i, seed, mutation, length));
            }
            try
            {
                betweenFrames.run();
            }
            catch (final Throwable ex)
            {
                throw new AssertionError(describe("escaped " + ex + " after", i, seed, mutation, length), ex);
            }
        }
        final Map<Mutation, Long> counts = new EnumMap<>(Mutation.class);
        for (final Mutation mutation : Mutation.values())
        {
            counts.put(mutation, perMutation[mutation.ordinal()]);
        }
        return new Result(cases, counts, System.nanoTime() - start);
    }

    /** Printable excerpt of {@code bytes}: ASCII as is, anything else as {@code \xNN}, cut after 400 bytes. */
    public static String excerpt(final DirectBuffer bytes, final int offset, final int length)
    {
        final StringBuilder text = new StringBuilder();
        final int shown = Math.min(length, EXCERPT_BYTES);
        for (int i = 0; i < shown; i++)
        {
            final int b = bytes.getByte(offset + i) & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\\')
            {
                text.append((char)b);
            }
            else
            {
                text.append(String.format("\\x%02X", b));
            }
        }
        return shown < length ? text.append("... (").append(length).append(" bytes)").toString() : text.toString();
    }

    private String describe(
        final String what, final long caseIndex, final FrameMutator.Seed seed, final Mutation mutation,
        final int length)
    {
        final UnsafeBuffer seedBytes = new UnsafeBuffer(seed.frame());
        return "frame " + what + " (random seed " + randomSeed + ", case " + caseIndex + ", mutation " + mutation +
            ")\n  seed:  " + excerpt(seedBytes, 0, seed.frame().length) +
            "\n  frame: " + excerpt(mutator.buffer(), 0, length);
    }

    /**
     * @param cases       frames handed to the adapter.
     * @param perMutation how many frames each mutation produced.
     * @param nanos       time taken, hooks included.
     */
    public record Result(long cases, Map<Mutation, Long> perMutation, long nanos)
    {
        public long casesPerSecond()
        {
            return nanos == 0 ? 0 : cases * 1_000_000_000L / nanos;
        }
    }
}
