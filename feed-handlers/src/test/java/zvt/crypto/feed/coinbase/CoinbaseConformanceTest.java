package zvt.crypto.feed.coinbase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.test.Fixtures;
import zvt.crypto.feed.test.DecoderHarness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every recorded Coinbase line, found by folder and pattern (a recording dropped into {@code coinbase/advanced} or
 * {@code coinbase/exchange} later is checked with no code change): Advanced Trade lines decode exactly as
 * {@link ReferenceCoinbaseDecoder} says, and every Coinbase Exchange ws-feed line is recognized and ignored.
 */
class CoinbaseConformanceTest
{
    static List<Path> advancedRecordings()
    {
        return ReferenceCoinbaseDecoder.recordings(Fixtures.dir().resolve("coinbase/advanced"));
    }

    static Map<String, Integer> instruments(final DecoderHarness harness, final List<String> frames)
    {
        final Map<String, Integer> ids = new LinkedHashMap<>();
        for (final String product : ReferenceCoinbaseDecoder.products(frames))
        {
            ids.put(product, ids.size() + 1);
            harness.instrument(product, ids.size(), MarketType.SPOT);
        }
        return ids;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("advancedRecordings")
    void shouldDecodeEveryRecordedAdvancedTradeLineExactlyAsTheReference(final Path file)
    {
        final List<String> frames = ReferenceCoinbaseDecoder.lines(file);
        final List<String> expected = new ArrayList<>();
        final DecoderHarness harness = new DecoderHarness(new CoinbaseAdapter());
        final ReferenceCoinbaseDecoder reference = new ReferenceCoinbaseDecoder(instruments(harness, frames));
        for (final String frame : frames)
        {
            expected.addAll(reference.expected(frame));
            harness.deliver(frame);
        }
        harness.close();

        assertLines(expected, harness.collector().lines());
        assertEquals(0, harness.counters().decodeErrors(), () -> harness.publisher().errors().toString());
        assertEquals(frames.size(), harness.counters().events() + harness.counters().ignored());
        assertEquals(0, harness.syncCounters().duplicates());
        assertFalse(frames.isEmpty());
    }

    @Test
    void shouldIgnoreEveryRecordedCoinbaseExchangeLineDeliberately()
    {
        final List<Path> files = ReferenceCoinbaseDecoder.recordings(Fixtures.dir().resolve("coinbase/exchange"));
        int lines = 0;
        for (final Path file : files)
        {
            final List<String> frames = ReferenceCoinbaseDecoder.lines(file);
            final DecoderHarness harness = new DecoderHarness(new CoinbaseAdapter());
            instruments(harness, frames); // subscribed, so nothing is ignored for want of a symbol
            for (final String frame : frames)
            {
                final var root = ReferenceCoinbaseDecoder.tree(frame);
                assertTrue(root.isObject() && !root.has("channel") &&
                    ReferenceCoinbaseDecoder.EXCHANGE_TYPES.contains(root.path("type").asText()),
                    () -> file + ": not a known Coinbase Exchange message, decide how to handle it: " + frame);
                final long ignored = harness.counters().ignored();
                harness.deliver(frame);
                assertEquals(ignored + 1, harness.counters().ignored(), () -> file + ": " + frame);
                lines++;
            }
            harness.close();
            assertEquals(List.of(), harness.collector().lines(), file::toString);
            assertEquals(0, harness.counters().decodeErrors() + harness.counters().events(), file::toString);
        }
        assertTrue(lines > 0, "no Coinbase Exchange recordings found");
    }

    static void assertLines(final List<String> expected, final List<String> actual)
    {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++)
        {
            final int line = i;
            assertEquals(abbreviate(expected.get(i)), abbreviate(actual.get(i)), () -> "event " + line);
            assertEquals(expected.get(i), actual.get(i), () -> "event " + line);
        }
        assertEquals(expected.size(), actual.size(), "events");
    }

    private static String abbreviate(final String line)
    {
        return line.length() > 400 ? line.substring(0, 400) + "…(" + line.length() + ")" : line;
    }
}
