package zvt.crypto.feed.test;

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
 * Finds recorded venue messages by folder and file pattern, so a recording dropped into the fixtures later is
 * checked with no code change (see {@link zvt.crypto.core.test.Fixtures} for where the fixtures are).
 */
public final class Recordings
{
    private Recordings()
    {
    }

    /**
     * @param dir     folder searched, with its sub-folders ({@code _recv_ts} folders, holding receive times, never
     *                match).
     * @param include a {@link java.nio.file.FileSystem#getPathMatcher} pattern, e.g. {@code glob:**.jsonl}.
     * @param exclude patterns of files left out.
     * @return the matching files in path order.
     */
    public static List<Path> find(final Path dir, final String include, final String... exclude)
    {
        final PathMatcher includes = FileSystems.getDefault().getPathMatcher(include);
        final List<PathMatcher> excludes = Stream.of(exclude).map(FileSystems.getDefault()::getPathMatcher).toList();
        try (Stream<Path> files = Files.walk(dir))
        {
            return files.filter(Files::isRegularFile)
                .filter(file -> !file.toString().contains("/_recv_ts/"))
                .filter(file -> includes.matches(file) && excludes.stream().noneMatch(m -> m.matches(file)))
                .sorted()
                .toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Non-blank lines of a recording: one raw message each. */
    public static List<String> lines(final Path file)
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
}
