package zvt.crypto.feed.coinbase;

import org.junit.jupiter.api.Test;
import zvt.crypto.core.test.Fixtures;
import zvt.crypto.feed.test.DecoderHarness;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Until the shared frame fuzzer lands: recorded Advanced Trade frames (all but the multi-megabyte book snapshots),
 * mutated by a seeded generator (truncation, byte flips, digits widened to 19 and 20 places, structural bytes
 * swapped), never make the decoder throw, and every frame is accounted exactly once.
 */
class CoinbaseMutationTest
{
    private static final int CASES = 200_000;
    private static final int MAX_FRAME = 16 << 10;
    private static final byte[] STRUCTURE = "{}[]\",:0-9.eE tnf\\".getBytes(StandardCharsets.US_ASCII);

    @Test
    void shouldAccountForEveryMutatedRecordedFrameWithoutThrowing()
    {
        final List<byte[]> frames = new ArrayList<>();
        final List<String> lines = new ArrayList<>();
        for (final Path file : CoinbaseConformanceTest.advancedRecordings())
        {
            ReferenceCoinbaseDecoder.lines(file).stream().filter(line -> line.length() <= MAX_FRAME)
                .forEach(line ->
                {
                    lines.add(line);
                    frames.add(line.getBytes(StandardCharsets.UTF_8));
                });
        }
        final DecoderHarness harness = new DecoderHarness(new CoinbaseAdapter());
        CoinbaseConformanceTest.instruments(harness, lines);
        final SplittableRandom random = new SplittableRandom(20260809L);
        for (int i = 0; i < CASES; i++)
        {
            harness.deliver(mutate(frames.get(random.nextInt(frames.size())), random));
        }
        harness.close();

        assertEquals(CASES, harness.counters().events() + harness.counters().ignored() +
            harness.counters().decodeErrors());
        assertTrue(harness.counters().decodeErrors() > 0 && harness.counters().events() > 0);
    }

    private static byte[] mutate(final byte[] frame, final SplittableRandom random)
    {
        final byte[] bytes = frame.clone();
        return switch (random.nextInt(4))
        {
            case 0 -> Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            case 1 ->
            {
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--)
                {
                    bytes[random.nextInt(bytes.length)] = (byte)random.nextInt(256);
                }
                yield bytes;
            }
            case 2 ->
            {
                final String text = new String(bytes, StandardCharsets.UTF_8);
                yield text.replaceFirst("\\d+", random.nextBoolean() ? "9223372036854775807" : "18446744073709551616")
                    .getBytes(StandardCharsets.UTF_8);
            }
            default ->
            {
                bytes[random.nextInt(bytes.length)] = STRUCTURE[random.nextInt(STRUCTURE.length)];
                yield bytes;
            }
        };
    }
}
