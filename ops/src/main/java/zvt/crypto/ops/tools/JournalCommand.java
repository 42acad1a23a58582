package zvt.crypto.ops.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalInstruments;
import zvt.crypto.journal.JournalStats;
import zvt.crypto.journal.replay.JournalReplayer;
import zvt.crypto.journal.replay.ReplayResult;

import java.io.OutputStream;
import java.util.concurrent.Callable;

/**
 * {@code journal dump} and {@code journal stats}: look inside a journal (cf. Chronicle's DumpMain, Aeron's
 * AeronStat).
 */
@Command(name = "journal", description = "Inspect a journal", subcommands = {
    JournalCommand.Dump.class, JournalCommand.Stats.class})
public final class JournalCommand
{
    @Command(name = "dump", description = "Print every event as one JSON object per line, with its journal index")
    static final class Dump implements Callable<Integer>
    {
        @Mixin
        JournalOptions journalOptions;

        @Mixin
        FilterOptions filterOptions;

        @Option(names = "--from-index", description = "start at this journal index (inclusive)")
        Long fromIndex;

        @Option(names = "--limit", description = "print at most this many events")
        Long limit;

        public Integer call() throws Exception
        {
            try (Journal journal = journalOptions.openReadOnly();
                OutputStream out = new StandardOutput())
            {
                final InstrumentRegistry instruments = JournalInstruments.rebuild(journal);
                final JournalReplayer replayer = new JournalReplayer(journal)
                    .filter(filterOptions.toFilter(instruments));
                if (fromIndex != null)
                {
                    replayer.fromIndex(fromIndex);
                }
                if (limit != null)
                {
                    replayer.limit(limit);
                }
                final ReplayResult result = replayer.replay(new JsonLinesPrinter(instruments, out));
                out.flush();
                System.err.println("dumped " + result.delivered() + " of " + result.read() + " events read");
            }
            catch (final StandardOutput.ReaderGone ex)
            {
                // | head has what it wanted.
            }
            return 0;
        }
    }

    @Command(name = "stats", description = "Entries, counts by type and venue, index and time range, files")
    static final class Stats implements Callable<Integer>
    {
        @Mixin
        JournalOptions journalOptions;

        public Integer call() throws Exception
        {
            try (Journal journal = journalOptions.openReadOnly())
            {
                System.out.println(JournalStats.of(journal).format());
            }
            return 0;
        }
    }
}
