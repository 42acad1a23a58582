package zvt.crypto.ops.tools;

import picocli.CommandLine.Option;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.journal.JournalFiles;
import zvt.crypto.ops.config.NodeConfig;
import zvt.crypto.ops.launch.DemoCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the journal tools find the journal: {@code --dir}; else {@code journal.dir} of {@code --config} or of
 * {@code ZVT_JOURNAL_DIR}; else the node's default {@code ./data/journal} when it exists, else the journal of
 * {@code demo} with its default data dir, so the tools read what a plain {@code zvt demo} wrote. Tools open it
 * read-only so they can run beside a live node.
 */
final class JournalOptions
{
    @Option(names = "--dir", description = "journal directory (default: journal.dir of --config or of " +
        "ZVT_JOURNAL_DIR; else ./data/journal if it exists, else the demo's " + DemoCommand.DEFAULT_DATA_DIR +
        "/journal)")
    Path directory;

    @Option(names = "--config", description = "config file (properties); its journal.dir is read")
    Path config;

    Journal openReadOnly() throws IOException
    {
        final Path dir = directory();
        // Chronicle would open an empty or missing directory as an empty journal (and warn): say what is wrong.
        if (!Files.isDirectory(dir) || JournalFiles.in(dir).cycleFiles() == 0)
        {
            throw new IllegalArgumentException("no journal in " + dir.toAbsolutePath().normalize());
        }
        return Journal.open(new JournalContext().directory(dir).readOnly(true));
    }

    Path directory() throws IOException
    {
        if (directory != null)
        {
            return directory;
        }
        final Map<String, String> environment = System.getenv();
        final Path configured = NodeConfig.load(config, environment).getPath("journal.dir");
        if (config != null || environment.containsKey(NodeConfig.environmentName("journal.dir")) ||
            Files.isDirectory(configured))
        {
            return configured;
        }
        return Path.of(DemoCommand.DEFAULT_DATA_DIR, "journal");
    }
}
