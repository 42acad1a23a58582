package zvt.crypto.persistence.writer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.persistence.DatabaseContext;

/**
 * Run in a forked JVM by {@link DbWriterCrashTest}: a node's persistence half — a steady synthetic stream through
 * ring and journal, and the database writer tailing that journal — until it is killed. Prints {@code STARTED}
 * once both run and {@code COMMITTED <index> <rows>} every 100 ms; exits when its standard input closes.
 * <p>
 * Arguments: journal directory, JDBC URL, schema, first trade number, trades per second.
 */
public final class WriterNodeMain
{
    private WriterNodeMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        exitWhenParentGoes();
        final PrintStream out = System.out;
        final Journal journal = Journal.open(new JournalContext().directory(Path.of(args[0])));
        final DbWriter writer = DbWriter.start(new DbWriterContext()
            .journal(journal)
            .database(new DatabaseContext().url(args[1]).user("postgres").schema(args[2])));
        final SyntheticStream stream = new SyntheticStream(journal, Long.parseLong(args[3]), Long.parseLong(args[4]));
        out.println("STARTED");
        out.flush();
        while (true)
        {
            Thread.sleep(100);
            out.println("COMMITTED " + writer.status().committedIndex() + " " + writer.status().rowsWritten() +
                " published " + stream.published());
            out.flush();
        }
    }

    private static void exitWhenParentGoes()
    {
        final Thread watchdog = new Thread(() ->
        {
            try
            {
                while (System.in.read() >= 0)
                {
                    // nothing to read but the end
                }
            }
            catch (final IOException ignore)
            {
                // the parent is gone either way
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
