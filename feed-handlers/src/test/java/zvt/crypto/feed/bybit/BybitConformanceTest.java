package zvt.crypto.feed.bybit;

import org.junit.jupiter.api.Test;
import zvt.crypto.feed.test.DecoderHarness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every recorded Bybit line, file by file, through the adapter's own decoder wired as the runner wires it
 * ({@link DecoderHarness}: real ring, publisher, duplicate filter and book sync) decodes to exactly the events the
 * Jackson reference derives from the same lines, and every line is accounted for (event, ignored or error; no error
 * in recordings).
 */
class BybitConformanceTest
{
    @Test
    void shouldDecodeEveryRecordedLineAsTheReferenceDecoderDoes()
    {
        final List<Path> files = BybitRecordings.files();
        assertTrue(files.size() >= 10, "bybit recordings found: " + files);
        long lines = 0;
        long events = 0;
        final List<String> mismatches = new ArrayList<>();
        for (final Path file : files)
        {
            final List<String> frames = BybitRecordings.lines(file);
            final Map<String, Integer> symbols = BybitRecordings.symbols(frames);
            final ReferenceBybitDecoder reference = new ReferenceBybitDecoder();
            final List<String> expected = new ArrayList<>();
            final DecoderHarness harness = new DecoderHarness(new BybitAdapter());
            try
            {
                harness.session(1, BybitRecordings.group(file));
                symbols.forEach((symbol, id) -> harness.instrument(symbol, id, BybitRecordings.marketType(file)));
                for (final String frame : frames)
                {
                    expected.addAll(reference.expected(frame, symbol -> symbols.getOrDefault(symbol, 0)));
                    harness.deliver(frame);
                }
            }
            finally
            {
                harness.close();
            }
            final List<String> actual = harness.collector().lines();
            if (!expected.equals(actual))
            {
                mismatches.add(file + ": " + firstDifference(expected, actual));
            }
            assertEquals(0, harness.counters().decodeErrors(), file + " decode errors");
            assertEquals(frames.size(), harness.counters().events() + harness.counters().ignored() +
                harness.counters().decodeErrors(), file + " frames accounted");
            lines += frames.size();
            events += actual.size();
        }
        assertEquals(List.of(), mismatches);
        assertTrue(events > 0);
        System.out.println("bybit conformance: " + lines + " recorded lines in " + files.size() + " files, " +
            events + " events equal to the reference");
    }

    private static String firstDifference(final List<String> expected, final List<String> actual)
    {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++)
        {
            if (!expected.get(i).equals(actual.get(i)))
            {
                return "line " + i + "\n expected " + expected.get(i) + "\n actual   " + actual.get(i);
            }
        }
        return "sizes " + expected.size() + " vs " + actual.size() + (expected.size() > actual.size() ?
            " first missing " + expected.get(actual.size()) : " first extra " + actual.get(expected.size()));
    }
}
