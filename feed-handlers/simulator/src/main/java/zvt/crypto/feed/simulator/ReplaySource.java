package zvt.crypto.feed.simulator;

import java.io.IOException;
import java.math.BigDecimal;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recorded files to replay instead of the synthetic market: one raw message per line (as in the shared fixtures),
 * sent verbatim to every connection from the moment it opens. A combined-stream line ({@code {"stream":..,"data":..}})
 * goes only to connections subscribed to its stream (or to those subscribed to nothing), unwrapped to its
 * {@code data} for raw ({@code /ws}) connections.
 * <p>
 * Pace: the time of line N is line N of {@code _recv_ts/<file name>.ts} beside the file (the recorder's receive time,
 * UNIX seconds) when that file exists, else the line's {@code "E"} event time, else the previous line's time. Several
 * files are merged by time (stable). {@code speed} 1 replays at the recorded pace, N at N times it, 0 as fast as the
 * connection takes it. Immutable after construction; the lines are read once, at construction.
 */
public final class ReplaySource
{
    private static final Pattern EVENT_TIME = Pattern.compile("\"E\":(\\d+)");
    private static final long NANOS_PER_MILLI = 1_000_000;

    private final List<Path> files;
    private final double speed;
    private final byte[][] lines;
    private final long[] offsetNanos;

    /**
     * @throws UncheckedIOException     if a file cannot be read.
     * @throws IllegalArgumentException if the speed is negative or there are no files.
     */
    public ReplaySource(final List<Path> files, final double speed)
    {
        if (files.isEmpty() || !(speed >= 0))
        {
            throw new IllegalArgumentException("replay needs files and a speed >= 0: " + files + " x" + speed);
        }
        this.files = List.copyOf(files);
        this.speed = speed;
        final List<Line> all = new ArrayList<>();
        for (final Path file : files)
        {
            read(file, all);
        }
        all.sort(Comparator.comparingLong(Line::timeNanos));
        lines = new byte[all.size()][];
        offsetNanos = new long[all.size()];
        final long start = all.isEmpty() ? 0 : all.get(0).timeNanos();
        for (int i = 0; i < all.size(); i++)
        {
            lines[i] = all.get(i).bytes();
            offsetNanos[i] = all.get(i).timeNanos() - start;
        }
    }

    public List<Path> files()
    {
        return files;
    }

    public double speed()
    {
        return speed;
    }

    /** Lines to replay, merged in time order. */
    public int lineCount()
    {
        return lines.length;
    }

    byte[] line(final int index)
    {
        return lines[index];
    }

    /** When the line is due, in nanos after the first line, at this source's speed (0 for as fast as possible). */
    long dueNanos(final int index)
    {
        return speed == 0 ? 0 : (long)(offsetNanos[index] / speed);
    }

    private static void read(final Path file, final List<Line> into)
    {
        try
        {
            final List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
            final Path tsFile = file.resolveSibling("_recv_ts").resolve(file.getFileName() + ".ts");
            final List<String> times = Files.exists(tsFile) ? Files.readAllLines(tsFile) : List.of();
            long lastNanos = 0;
            for (int i = 0; i < text.size(); i++)
            {
                final String line = text.get(i);
                if (line.isBlank())
                {
                    continue;
                }
                long nanos = lastNanos;
                if (i < times.size() && !times.get(i).isBlank())
                {
                    nanos = new BigDecimal(times.get(i).trim()).movePointRight(9).longValue();
                }
                else
                {
                    final Matcher eventTime = EVENT_TIME.matcher(line);
                    if (eventTime.find())
                    {
                        nanos = Long.parseLong(eventTime.group(1)) * NANOS_PER_MILLI;
                    }
                }
                lastNanos = nanos;
                into.add(new Line(line.getBytes(StandardCharsets.UTF_8), nanos));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read recording " + file, ex);
        }
    }

    private record Line(byte[] bytes, long timeNanos)
    {
    }
}
