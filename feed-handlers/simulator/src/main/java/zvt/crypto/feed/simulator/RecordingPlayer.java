package zvt.crypto.feed.simulator;

import io.netty.util.concurrent.EventExecutor;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Replays a {@link ReplaySource} to one connection, from its first line when the connection opens: each run sends
 * the lines that are due (at most a batch when replaying as fast as possible, waiting while the connection is not
 * writable), flushes, and schedules itself for the next due line. Used on the simulator's event loop only.
 */
final class RecordingPlayer
{
    private static final int MAX_LINES_PER_RUN = 4_096;
    private static final byte[] COMBINED_PREFIX = "{\"stream\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA_FIELD = ",\"data\":".getBytes(StandardCharsets.US_ASCII);

    private final ReplaySource source;
    private final SimulatorSession session;
    private final EventExecutor executor;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private long startNanos;
    private int next;

    RecordingPlayer(final ReplaySource source, final SimulatorSession session, final EventExecutor executor)
    {
        this.source = source;
        this.session = session;
        this.executor = executor;
    }

    void start()
    {
        startNanos = System.nanoTime();
        executor.execute(this::run);
    }

    private void run()
    {
        if (!session.isOpen())
        {
            return;
        }
        final long elapsed = System.nanoTime() - startNanos;
        int sent = 0;
        while (next < source.lineCount() && sent < MAX_LINES_PER_RUN && source.dueNanos(next) <= elapsed &&
            session.channelWritable())
        {
            sendLine(source.line(next++));
            sent++;
        }
        session.flushBatch();
        if (next >= source.lineCount())
        {
            return;
        }
        final long wait = source.dueNanos(next) - (System.nanoTime() - startNanos);
        if (wait > 0)
        {
            executor.schedule(this::run, wait, TimeUnit.NANOSECONDS);
        }
        else if (session.channelWritable())
        {
            executor.execute(this::run);
        }
        else
        {
            executor.schedule(this::run, 1, TimeUnit.MILLISECONDS);
        }
    }

    private void sendLine(final byte[] line)
    {
        if (startsWith(line, COMBINED_PREFIX))
        {
            final int nameEnd = indexOf(line, (byte)'"', COMBINED_PREFIX.length);
            final String stream = nameEnd < 0 ? "" :
                new String(line, COMBINED_PREFIX.length, nameEnd - COMBINED_PREFIX.length, StandardCharsets.US_ASCII);
            if (session.hasSubscriptions() && !session.isSubscribed(stream))
            {
                return;
            }
            if (nameEnd > 0 && session.venue().envelopeLength(stream.getBytes(StandardCharsets.US_ASCII)) == 0 && startsWithAt(line, DATA_FIELD, nameEnd + 1))
            {
                // A raw connection gets the data object alone: drop the wrapper and its closing brace.
                final int dataStart = nameEnd + 1 + DATA_FIELD.length;
                final int dataLength = line.length - 1 - dataStart;
                view.wrap(line, dataStart, dataLength);
                session.send(StreamKind.REPLAY, null, null, this, view, dataLength, WireSink.NO_SPLICE, 0, 0);
                return;
            }
        }
        view.wrap(line);
        session.send(StreamKind.REPLAY, null, null, this, view, line.length, WireSink.NO_SPLICE, 0, 0);
    }

    private static boolean startsWith(final byte[] line, final byte[] prefix)
    {
        return startsWithAt(line, prefix, 0);
    }

    private static boolean startsWithAt(final byte[] line, final byte[] prefix, final int at)
    {
        if (line.length < at + prefix.length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (line[at + i] != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(final byte[] line, final byte value, final int from)
    {
        for (int i = from; i < line.length; i++)
        {
            if (line[i] == value)
            {
                return i;
            }
        }
        return -1;
    }
}
