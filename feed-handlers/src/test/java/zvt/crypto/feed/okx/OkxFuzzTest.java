package zvt.crypto.feed.okx;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.CandleDecoder;
import zvt.crypto.feed.test.FrameFuzzer;
import zvt.crypto.feed.test.FuzzedFeed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million mutations of every recorded OKX line through the adapter's decoder, the publisher, the book sync (with
 * the prevSeqId rule and the CRC32 checksum) and a real ring: no exception escapes, every frame is accounted once,
 * and the fuzz reaches the rejection paths and every published event type. {@code -Dzvt.fuzz.seed} and
 * {@code -Dzvt.fuzz.cases} replay a failure or run longer.
 */
class OkxFuzzTest
{
    private static final long RANDOM_SEED = Long.getLong("zvt.fuzz.seed", 0x0C5_F022L);
    private static final long CASES = Long.getLong("zvt.fuzz.cases", 1_000_000L);

    private final FuzzedFeed feed = new FuzzedFeed(new OkxAdapter());

    @AfterEach
    void close()
    {
        feed.close();
    }

    @Test
    void shouldAccountForEveryMutatedRecordedFrameWithoutLettingAnExceptionEscape()
    {
        final List<byte[]> frames = new ArrayList<>();
        final Map<String, FuzzedFeed.Symbol> symbols = new LinkedHashMap<>();
        for (final OkxRecordings.Line line : OkxRecordings.allLines())
        {
            frames.add(line.text().getBytes(StandardCharsets.UTF_8));
            final String instId = ReferenceOkxDecoder.instId(line.text());
            if (instId != null)
            {
                symbols.computeIfAbsent(instId, id -> new FuzzedFeed.Symbol(
                    id, symbols.size() + 1, OkxDecoderTest.marketType(id), 0));
            }
        }
        assertTrue(frames.size() > 1_000 && !symbols.isEmpty(), "recorded OKX frames");

        final FrameFuzzer fuzzer = feed.fuzzer(frames, RANDOM_SEED);
        long nanos = 0;
        for (long done = 0; done < CASES; done += frames.size())
        {
            feed.start(0, List.copyOf(symbols.values()));
            nanos += fuzzer.run(feed::deliver, Math.min(frames.size(), CASES - done)).nanos();
        }

        System.out.println(feed.finish(CASES, nanos, RANDOM_SEED));
        assertTrue(feed.events(CandleDecoder.TEMPLATE_ID) > 0, "candles published");
        assertTrue(feed.syncCounters().gaps() > 0 && feed.syncCounters().resyncs() > 0,
            feed.syncCounters().toString());
        for (final OkxDecodeError reason : OkxDecodeError.values())
        {
            // The recorded candles (2022) predate the confirm element, so no seed carries one to corrupt.
            assertTrue(reason == OkxDecodeError.BAD_CONFIRM || feed.errors(reason) > 0,
                "no frame was rejected as " + reason);
        }
    }
}
