package zvt.crypto.feed.bybit;

import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.test.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
        try (Stream<Path> walk = Files.walk(Fixtures.dir().resolve("bybit")))
        {
            return walk.filter(Files::isRegularFile)
                .filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                .filter(p -> !p.getFileName().toString().startsWith("rest_"))
                .filter(p -> !p.toString().contains("/_recv_ts/"))
                .sorted()
                .toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static List<String> lines(final Path file)
    {
        try
        {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
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
