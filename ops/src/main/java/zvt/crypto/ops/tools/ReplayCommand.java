package zvt.crypto.ops.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalInstruments;
import zvt.crypto.journal.replay.JournalReplayer;
import zvt.crypto.journal.replay.ReplayResult;

import java.io.OutputStream;
import java.util.concurrent.Callable;

/**
 * {@code replay}: stream a filtered range of the journal as JSON lines, as fast as possible or at the recorded
 * pace times N.
 */
@Command(name = "replay", description = "Replay a journal range as JSON lines, at full speed or recorded pace x N")
public final class ReplayCommand implements Callable<Integer>
{
    @Mixin
    JournalOptions journalOptions;

    @Mixin
    FilterOptions filterOptions;

    @Option(names = "--speed", defaultValue = "0",
        description = "0 = as fast as possible (default), 1 = recorded pace, N = N times faster")
    double speed;

    public Integer call() throws Exception
    {
        if (speed < 0)
        {
            throw new IllegalArgumentException("--speed must be >= 0: " + speed);
        }
        try (Journal journal = journalOptions.openReadOnly();
            OutputStream out = new StandardOutput())
        {
            final InstrumentRegistry instruments = JournalInstruments.rebuild(journal);
            final JournalReplayer replayer = new JournalReplayer(journal)
                .filter(filterOptions.toFilter(instruments))
                .speed(speed);
            final JsonLinesPrinter printer = new JsonLinesPrinter(instruments, speed > 0 ? autoFlush(out) : out);
            final ReplayResult result = replayer.replay(printer);
            out.flush();
            System.err.println("replayed " + result.delivered() + " of " + result.read() + " events read (" +
                result.end() + ")");
        }
        catch (final StandardOutput.ReaderGone ex)
        {
            // | head has what it wanted.
        }
        return 0;
    }

    /** At recorded pace each line should reach the reader when it is due, not when the buffer fills. */
    private static OutputStream autoFlush(final OutputStream out)
    {
        return new java.io.FilterOutputStream(out)
        {
            public void write(final byte[] bytes, final int offset, final int length) throws java.io.IOException
            {
                out.write(bytes, offset, length);
                out.flush();
            }
        };
    }
}
