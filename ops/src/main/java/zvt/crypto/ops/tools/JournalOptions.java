package zvt.crypto.ops.tools;

import picocli.CommandLine.Option;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.ops.config.NodeConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the journal tools find the journal: {@code --dir}, else the config file's {@code journal.dir}, else
 * {@code ZVT_JOURNAL_DIR}, else {@code ./data/journal}. Tools open it read-only so they can run beside a live node.
 */
final class JournalOptions
{
    @Option(names = "--dir", description = "journal directory (default: journal.dir of the config)")
    Path directory;

    @Option(names = "--config", description = "config file (properties)")
    Path config;

    Journal openReadOnly() throws IOException
    {
        final Path dir = directory != null ? directory :
            NodeConfig.load(config, System.getenv()).getPath("journal.dir");
        if (!Files.isDirectory(dir))
        {
            throw new IllegalArgumentException("no journal at " + dir.toAbsolutePath());
        }
        return Journal.open(new JournalContext().directory(dir).readOnly(true));
    }
}
