package zvt.crypto.feed.bybit;

import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.test.Fixtures;
import zvt.crypto.feed.test.Recordings;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every Bybit WebSocket recording under {@code <fixtures>/bybit}, found by pattern (any {@code *.jsonl} at any depth,
 * except receive-time sidecars under {@code _recv_ts/} and REST bodies {@code rest_*.jsonl}), so a recording
 * dropped in later is checked with no code change. A file whose name says {@code spot} came from the spot endpoint,
 * any other from linear (the docs' examples and the full-connection captures are linear).
 */
final class BybitRecordings
{
    private BybitRecordings()
    {
    }

    static List<Path> files()
    {
        return Recordings.find(Fixtures.dir().resolve("bybit"), "glob:**.jsonl", "glob:**/rest_*");
    }

    static List<String> lines(final Path file)
    {
        return Recordings.lines(file);
    }

    static boolean isSpot(final Path file)
    {
        return file.getFileName().toString().contains("spot");
    }

    static int group(final Path file)
    {
        return isSpot(file) ? BybitAdapter.SPOT : BybitAdapter.LINEAR;
    }

    static MarketType marketType(final Path file)
    {
        return isSpot(file) ? MarketType.SPOT : MarketType.PERPETUAL;
    }

    /** Venue symbols named by the lines' topics, numbered 1, 2, ... in order of first appearance. */
    static Map<String, Integer> symbols(final List<String> lines)
    {
        final Map<String, Integer> ids = new LinkedHashMap<>();
        for (final String line : lines)
        {
            final String symbol = ReferenceBybitDecoder.symbol(ReferenceBybitDecoder.parse(line));
            if (symbol != null)
            {
                ids.putIfAbsent(symbol, ids.size() + 1);
            }
        }
        return ids;
    }
}
