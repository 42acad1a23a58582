package zvt.crypto.persistence.writer;

import zvt.crypto.journal.Journal;
import zvt.crypto.persistence.TestSchema;

/** For tests in other packages: run a writer over a journal until it has committed the journal's last entry. */
public final class DbWriterTestSupport
{
    private DbWriterTestSupport()
    {
    }

    public static DbWriterStatus runUntilCaughtUp(final TestSchema schema, final Journal journal)
    {
        return DbWriterTest.runUntilCaughtUp(schema, journal);
    }
}
