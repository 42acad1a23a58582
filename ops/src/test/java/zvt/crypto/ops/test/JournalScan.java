package zvt.crypto.ops.test;

import org.agrona.DirectBuffer;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.journal.JournalEventListener;
import zvt.crypto.journal.JournalReader;

import java.nio.file.Path;

/** Reads a journal on disk from its start, read-only: what the CLI tests check a command journaled. */
public final class JournalScan
{
    private JournalScan()
    {
    }

    public static void each(final Path dir, final JournalEventListener listener)
    {
        try (Journal journal = Journal.open(new JournalContext().directory(dir).readOnly(true));
            JournalReader reader = journal.newReader())
        {
            reader.toStart();
            while (reader.readNext(listener))
            {
                // the listener sees every entry
            }
        }
    }

    /** @return how many entries of this type the journal holds. */
    public static long count(final Path dir, final EventType type)
    {
        final long[] count = {0};
        each(dir, (final DirectBuffer buffer, final int offset, final int length, final long index) ->
        {
            if (EventView.templateId(buffer, offset) == type.templateId())
            {
                count[0]++;
            }
        });
        return count[0];
    }
}
