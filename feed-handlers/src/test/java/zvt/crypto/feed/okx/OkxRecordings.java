package zvt.crypto.feed.okx;

import zvt.crypto.core.test.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/**
 * The OKX recordings, found by folder and glob (never by name, so a recording dropped in later is checked with no
 * code change): every {@code *.jsonl} under {@code okx/}, at any depth, except the receive-time side files in
 * {@code _recv_ts/}.
 */
final class OkxRecordings
{
    /** One recorded line and where it came from. */
    record Line(Path file, int number, String text)
    {
        public String toString()
        {
            return file.getFileName() + ":" + number;
        }
    }

    private OkxRecordings()
    {
    }

    /** Recording files matching {@code glob} (relative to {@code okx/}), sorted. */
    static List<Path> files(final String glob)
    {
        final Path root = Fixtures.dir().resolve("okx");
        final PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> walk = Files.walk(root))
        {
            return walk.filter(Files::isRegularFile)
                .filter(p -> !root.relativize(p).toString().contains("_recv_ts"))
                .filter(p -> matcher.matches(root.relativize(p)))
                .sorted()
                .toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Every recording line (web socket frames, control samples and REST bodies alike). */
    static List<Line> allLines()
    {
        return files("**.jsonl").stream().flatMap(f -> lines(f).stream()).toList();
    }

    static List<Line> lines(final Path file)
    {
        try
        {
            final List<String> texts = Files.readAllLines(file, StandardCharsets.UTF_8);
            return java.util.stream.IntStream.range(0, texts.size())
                .filter(i -> !texts.get(i).isBlank())
                .mapToObj(i -> new Line(file, i + 1, texts.get(i)))
                .toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
