package zvt.crypto.feed.binance;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.test.Fixtures;
import zvt.crypto.feed.book.LevelBuffer;
import zvt.crypto.feed.test.FrameMutator;
import zvt.crypto.feed.test.Recordings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compact fast path against the general tokenizer, on the same bytes: wherever the compact reader accepts a frame
 * (every recorded market data frame, and mutations of them), it must leave exactly the fields, levels and flags the
 * general path leaves; anything it cannot read it must hand over.
 */
class CompactPayloadReaderTest
{
    private static final int MUTATIONS_PER_FRAME = 40;

    private final LevelBuffer levels = new LevelBuffer();
    private final BinancePayload payload = new BinancePayload(levels);
    private final CompactPayloadReader compact = new CompactPayloadReader(payload);

    @Test
    void shouldReadEveryRecordedFrameAndEveryMutationItAcceptsExactlyAsTheGeneralPath()
    {
        final List<byte[]> frames = new ArrayList<>();
        for (final Path file : Recordings.find(Fixtures.dir().resolve("binance"), "glob:**.jsonl", "glob:**/rest_*",
            "glob:**.snapshot.jsonl"))
        {
            Recordings.lines(file).forEach(line -> frames.add(line.getBytes(StandardCharsets.UTF_8)));
        }
        assertTrue(frames.size() > 1_000, "recorded binance frames");
        final FrameMutator mutator = new FrameMutator(new SplittableRandom(0xC0_4AC7L));
        long compactMutations = 0;
        long fallbacks = 0;
        for (final byte[] frame : frames)
        {
            // Market data (with a symbol) takes the fast path; requests and replies may not.
            final String text = new String(frame, StandardCharsets.UTF_8);
            assertTrue(readBoth(new UnsafeBuffer(frame), frame.length) || !text.contains("\"s\":"),
                () -> "recorded market data not read by the compact path: " + text);
            final FrameMutator.Seed seed = mutator.index(frame);
            for (int i = 0; i < MUTATIONS_PER_FRAME; i++)
            {
                final int length = mutator.mutate(seed, mutator.pick());
                if (readBoth(mutator.buffer(), length))
                {
                    compactMutations++;
                }
                else
                {
                    fallbacks++;
                }
            }
        }
        assertTrue(compactMutations > 0 && fallbacks > 0, compactMutations + " compact, " + fallbacks + " fell back");
    }

    @Test
    void shouldHandOverWhatIsNotCompactJson()
    {
        for (final String frame : new String[]{
            "{\"e\": \"trade\"}", "{\"e\":\"trade\"}\n", " {\"e\":\"trade\"}", "{\"e\":\"tr\\\"ade\"}",
            "{\"e\":\"trade\",}", "{\"e\"\"trade\"}", "{\"x\":{\"e\":1}}", "{\"x\":[1]}",
            "{\"b\":[[\"1\",\"2\",\"3\"]]}",
            "{\"b\":[[\"-1\",\"2\"]]}", "{\"b\":[[\"1\" ,\"2\"]]}", "{\"data\":{\"k\":{\"k\":{}}}}", "{\"e\":tru}",
            "{\"e\":\"trade\"", "", "[]", "{\"e\":x}"})
        {
            final byte[] bytes = frame.getBytes(StandardCharsets.US_ASCII);
            payload.begin(new UnsafeBuffer(bytes));
            assertFalse(compact.read(new UnsafeBuffer(bytes), 0, bytes.length), frame);
        }
    }

    @Test
    void shouldReadKeysInAnyOrderRawOrCombinedWithNestedKlineAndLevels()
    {
        for (final String frame : new String[]{
            "{\"stream\":\"x\",\"data\":{\"q\":\"1.0\",\"p\":\"0.1\",\"s\":\"BTCUSDT\",\"e\":\"trade\",\"t\":12}}",
            "{\"data\":{\"e\":\"trade\",\"t\":12,\"s\":\"BTCUSDT\"},\"stream\":\"x\"}",
            "{\"e\":\"kline\",\"k\":{\"x\":false,\"t\":1,\"i\":\"1m\"},\"s\":\"BTCUSDT\",\"E\":5}",
            "{\"a\":[],\"b\":[[\"1.5\",\"2\"],[3,4e1]],\"pu\":7,\"u\":9,\"U\":8}",
            "{\"code\":-1121,\"msg\":\"Invalid symbol.\",\"id\":null}", "{}", "{\"data\":{}}",
            "{\"m\":true,\"M\":false,\"n\":null,\"t\":-0.5e+3}"})
        {
            final byte[] bytes = frame.getBytes(StandardCharsets.US_ASCII);
            assertTrue(readBoth(new UnsafeBuffer(bytes), bytes.length), frame);
        }
    }

    /** @return true if the compact reader took the frame (and then matched the general path). */
    private boolean readBoth(final DirectBuffer buffer, final int length)
    {
        payload.begin(buffer);
        if (!compact.read(buffer, 0, length))
        {
            return false;
        }
        final String fast = state();
        payload.begin(buffer);
        assertEquals(null, payload.readGeneral(buffer, 0, length), () -> "general path rejects what compact read: " +
            buffer.getStringWithoutLengthAscii(0, length));
        assertEquals(state(), fast, () -> buffer.getStringWithoutLengthAscii(0, length));
        return true;
    }

    /** Every remembered field (token, offset, length), the levels and the flags, as text. */
    private String state()
    {
        final StringBuilder text = new StringBuilder();
        for (int slot = 1; slot < 2 * BinancePayload.KEYS; slot++)
        {
            final int token = payload.token((char)slot);
            if (token != BinancePayload.ABSENT)
            {
                text.append(slot).append('=').append(token).append('@').append(payload.offset((char)slot))
                    .append('+').append(payload.length((char)slot)).append(' ');
            }
        }
        for (int i = 0; i < levels.count(); i++)
        {
            text.append(levels.side(i)).append(' ').append(levels.price(i)).append('e').append(levels.priceExponent(i))
                .append(' ').append(levels.size(i)).append('e').append(levels.sizeExponent(i)).append("; ");
        }
        return text.append("levelsValid=").append(payload.levelsValid()).append(" venueError=")
            .append(payload.isVenueError()).toString();
    }
}
