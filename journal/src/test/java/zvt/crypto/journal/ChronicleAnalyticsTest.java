package zvt.crypto.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Chronicle's usage analytics can never phone home: the artifact is not on the class path and the journal disables
 * analytics before Chronicle loads. (The test JVM is also started with the property; {@link JournalCrashTest}
 * checks, in a JVM started without it, that the journal sets it by itself.)
 */
class ChronicleAnalyticsTest
{
    @Test
    void shouldNotBeAbleToLoadChronicleAnalytics()
    {
        assertThrows(ClassNotFoundException.class,
            () -> Class.forName("net.openhft.chronicle.analytics.Analytics", false, getClass().getClassLoader()));
    }

    @Test
    void shouldHaveAnalyticsDisabledOnceAJournalIsOpen(@TempDir final Path dir)
    {
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            assertEquals("true", System.getProperty("chronicle.analytics.disable"));
            assertEquals(Journal.NO_INDEX, journal.lastIndex());
        }
    }
}
