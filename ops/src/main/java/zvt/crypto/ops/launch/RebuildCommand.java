package zvt.crypto.ops.launch;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.OffsetEpochNanoClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.ops.config.NodeConfig;
import zvt.crypto.persistence.writer.DbWriterStatus;

/**
 * {@code rebuild-db}: writes a journal into the database with the node's own writer, then exits. On an empty
 * database (or a new {@code db.schema}) it starts at the journal's first entry; on one the writer has written
 * before, after its checkpoint ({@code db.writer.id}); either way every row ends up exactly once. The journal is
 * opened read-only, so a live feed node's journal can be the source.
 */
@Command(name = "rebuild-db", description = "Rebuild the database (db.* of the config) from a journal, from its " +
    "start on an empty database or from the writer's checkpoint, and exit once caught up")
public final class RebuildCommand implements Callable<Integer>
{
    private static final long PROGRESS_MS = 5_000;

    @Option(names = "--config", description = "config file: db.* and journal.dir are read from it")
    Path config;

    @Option(names = "--journal-dir", description = "journal directory (default: journal.dir of the config)")
    Path journalDir;

    @Option(names = "--timeout-minutes", defaultValue = "0", description = "give up after this long (0: never)")
    long timeoutMinutes;

    public Integer call() throws Exception
    {
        final NodeConfig nodeConfig = NodeConfig.load(config, System.getenv())
            .with("db.enabled", "true")
            .with("db.writer.drain.ms", "0"); // this command waits for the writer itself
        final Path directory = journalDir != null ? journalDir : nodeConfig.getPath("journal.dir");
        final long deadline = timeoutMinutes == 0 ? Long.MAX_VALUE :
            System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(timeoutMinutes);
        try (Journal journal = Journal.open(new JournalContext().directory(directory).readOnly(true));
            NodeDatabase database = NodeDatabase.open(nodeConfig, journal, new OffsetEpochNanoClock(),
                System.getenv()))
        {
            final long target = journal.lastIndex();
            System.err.println("rebuilding the database from " + directory + " up to journal index " + target);
            long nextProgress = System.currentTimeMillis() + PROGRESS_MS;
            while (true)
            {
                final DbWriterStatus status = database.status();
                if (target == Journal.NO_INDEX || (status != null && status.committedIndex() >= target))
                {
                    System.out.println("rebuilt up to journal index " + target + ": " + status);
                    return 0;
                }
                final long now = System.currentTimeMillis();
                if (now > deadline)
                {
                    System.err.println("not caught up after " + timeoutMinutes + " min: " + status +
                        "; run again to continue from the checkpoint");
                    return 1;
                }
                if (now >= nextProgress)
                {
                    System.err.println("rebuilding: " + status);
                    nextProgress = now + PROGRESS_MS;
                }
                Thread.sleep(50);
            }
        }
    }
}
