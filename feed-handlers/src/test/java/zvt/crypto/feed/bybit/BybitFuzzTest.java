package zvt.crypto.feed.bybit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.CandleDecoder;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.feed.test.FrameFuzzer;
import zvt.crypto.feed.test.FuzzedFeed;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million mutations of every recorded Bybit frame (spot frames on a spot connection, linear frames on a linear
 * one) through the adapter's decoder, the publisher, the book sync and a real ring: no exception escapes, every frame
 * is accounted once (accepted, ignored or duplicate, or rejected with a reason), and the fuzz reaches every decoder
 * and every rejection reason. {@code -Dzvt.fuzz.seed} and {@code -Dzvt.fuzz.cases} replay a failure or run longer.
 */
class BybitFuzzTest
{
    private static final long RANDOM_SEED = Long.getLong("zvt.fuzz.seed", 0xB1B1_7L);
    private static final long CASES = Long.getLong("zvt.fuzz.cases", 1_000_000L);

    private final FuzzedFeed feed = new FuzzedFeed(new BybitAdapter());

    @AfterEach
    void close()
    {
        feed.close();
    }

    @Test
    void shouldAccountForEveryMutatedRecordedFrameWithoutLettingAnExceptionEscape()
    {
        final List<byte[]> spotFrames = new ArrayList<>();
        final List<byte[]> linearFrames = new ArrayList<>();
        final Map<String, FuzzedFeed.Symbol> spotSymbols = new LinkedHashMap<>();
        final Map<String, FuzzedFeed.Symbol> linearSymbols = new LinkedHashMap<>();
        for (final Path file : BybitRecordings.files())
        {
            final List<String> lines = BybitRecordings.lines(file);
            final boolean spot = BybitRecordings.isSpot(file);
            final Map<String, FuzzedFeed.Symbol> symbols = spot ? spotSymbols : linearSymbols;
            BybitRecordings.symbols(lines).keySet().forEach(symbol -> symbols.computeIfAbsent(symbol, s ->
                new FuzzedFeed.Symbol(s, spotSymbols.size() + linearSymbols.size() + 1,
                    spot ? MarketType.SPOT : MarketType.PERPETUAL, spot ? BybitAdapter.SPOT : BybitAdapter.LINEAR)));
            lines.forEach(line -> (spot ? spotFrames : linearFrames).add(line.getBytes(StandardCharsets.UTF_8)));
        }
        assertTrue(spotFrames.size() > 100 && linearFrames.size() > 1_000, "recorded bybit frames");

        long nanos = 0;
        long done = 0;
        final FrameFuzzer spot = feed.fuzzer(spotFrames, RANDOM_SEED);
        final FrameFuzzer linear = feed.fuzzer(linearFrames, RANDOM_SEED + 1);
        while (done < CASES)
        {
            final boolean isSpot = (done / linearFrames.size()) % 4 == 0;
            final List<byte[]> frames = isSpot ? spotFrames : linearFrames;
            final long cases = Math.min(frames.size(), CASES - done);
            feed.start(isSpot ? BybitAdapter.SPOT : BybitAdapter.LINEAR,
                List.copyOf((isSpot ? spotSymbols : linearSymbols).values()));
            nanos += (isSpot ? spot : linear).run(feed::deliver, cases).nanos();
            done += cases;
        }

        System.out.println(feed.finish(CASES, nanos, RANDOM_SEED));
        for (final BybitDecodeError reason : BybitDecodeError.values())
        {
            assertTrue(feed.errors(reason) > 0, "no frame was rejected as " + reason);
        }
        assertTrue(feed.syncCounters().duplicates() > 0 &&
            feed.syncCounters().duplicates() <= feed.counters().ignored());
        assertTrue(feed.syncCounters().resyncs() > 0 && feed.syncCounters().gaps() > 0,
            feed.syncCounters().toString());
        assertTrue(feed.events(CandleDecoder.TEMPLATE_ID) > 0, "candles published");
    }
}
