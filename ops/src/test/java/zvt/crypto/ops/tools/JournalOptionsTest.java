package zvt.crypto.ops.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.ops.config.NodeConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The journal tools' one rule for where the journal is: {@code zvt demo}, then {@code zvt journal stats}. */
class JournalOptionsTest
{
    @Test
    void shouldReadTheDemosJournalWhenNoNodeJournalExists() throws IOException
    {
        assumeFalse(System.getenv().containsKey(NodeConfig.environmentName("journal.dir")));
        assumeFalse(Files.exists(Path.of("data", "journal")));
        assertEquals(Path.of("./data/demo/journal"), new JournalOptions().directory());
    }

    @Test
    void shouldPreferDirThenTheConfigsJournalDir(@TempDir final Path dir) throws IOException
    {
        final Path config = dir.resolve("zvt.properties");
        Files.writeString(config, "journal.dir = " + dir.resolve("configured") + "\n");
        final JournalOptions options = new JournalOptions();
        options.config = config;
        assertEquals(dir.resolve("configured"), options.directory());
        options.directory = dir.resolve("given");
        assertEquals(dir.resolve("given"), options.directory());
    }
}
