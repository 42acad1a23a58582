package zvt.crypto.ops.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time so far of the database and Redis servers when they run on this machine, read from Linux's
 * {@code /proc/<pid>/stat}: a node's sinks cost CPU there too, which the JVM's own figures leave out. A process that
 * ends inside a window takes its time with it (PostgreSQL's backends for the node's connections live as long as the
 * node). Empty where there is no {@code /proc}.
 */
final class ServerCpu
{
    /** Process names ({@code comm}) counted, each a server a sink writes to. */
    private static final String[] SERVERS = {"postgres", "redis-server"};
    /** Linux's USER_HZ, the unit of {@code utime} and {@code stime}; 100 on every architecture the node runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final int UTIME_AFTER_COMM = 11;
    private static final Path PROC = Path.of("/proc");

    private ServerCpu()
    {
    }

    /** CPU nanoseconds used so far by every process of each server, by server name. */
    static Map<String, Long> sample()
    {
        final Map<String, Long> byServer = new TreeMap<>();
        if (!Files.isDirectory(PROC))
        {
            return byServer;
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*"))
        {
            for (final Path process : processes)
            {
                addIfServer(process, byServer);
            }
        }
        catch (final IOException ignored)
        {
            // /proc unreadable: no figure rather than a wrong one
            byServer.clear();
        }
        return byServer;
    }

    private static void addIfServer(final Path process, final Map<String, Long> byServer)
    {
        final String stat;
        try
        {
            stat = Files.readString(process.resolve("stat"), StandardCharsets.US_ASCII);
        }
        catch (final IOException | RuntimeException gone)
        {
            return; // the process ended while we listed
        }
        // pid (comm) state ppid ... utime stime: comm may hold spaces, so split after its closing parenthesis
        final int open = stat.indexOf('(');
        final int close = stat.lastIndexOf(')');
        if (open < 0 || close < open)
        {
            return;
        }
        final String comm = stat.substring(open + 1, close);
        for (final String server : SERVERS)
        {
            if (server.equals(comm))
            {
                final String[] fields = stat.substring(close + 2).split(" ");
                final long ticks =
                    Long.parseLong(fields[UTIME_AFTER_COMM]) + Long.parseLong(fields[UTIME_AFTER_COMM + 1]);
                byServer.merge(server, ticks * NANOS_PER_TICK, Long::sum);
            }
        }
    }
}
