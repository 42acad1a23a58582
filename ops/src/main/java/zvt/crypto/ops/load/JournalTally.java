package zvt.crypto.ops.load;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.agrona.collections.LongArrayList;
import zvt.crypto.core.codec.TradeDecoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.EventView;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.journal.JournalReader;

/**
 * The ground truth of a run, read from its journal after the node closed it: every event, the trades per venue, and
 * each trade's journal index (in journal order, so ascending) to count what a subscriber should have received.
 */
final class JournalTally
{
    private static final int POLL_LIMIT = 4096;

    private final Map<Venue, Long> tradesByVenue = new EnumMap<>(Venue.class);
    private final LongArrayList tradeIndexes = new LongArrayList();
    private long events;

    private JournalTally()
    {
    }

    static JournalTally read(final Path journalDirectory)
    {
        final JournalTally tally = new JournalTally();
        try (Journal journal = Journal.open(new JournalContext().directory(journalDirectory));
            JournalReader reader = journal.newReader().toStart())
        {
            while (reader.poll((buffer, offset, length, index) ->
            {
                tally.events++;
                if (EventView.templateId(buffer, offset) == TradeDecoder.TEMPLATE_ID)
                {
                    tally.tradesByVenue.merge(EventView.venue(buffer, offset), 1L, Long::sum);
                    tally.tradeIndexes.addLong(index);
                }
            }, POLL_LIMIT) > 0)
            {
                // until the end of the journal
            }
        }
        return tally;
    }

    long events()
    {
        return events;
    }

    long trades()
    {
        return tradeIndexes.size();
    }

    long trades(final Venue venue)
    {
        return tradesByVenue.getOrDefault(venue, 0L);
    }

    /** @return -1 if the journal holds no trade. */
    long lastTradeIndex()
    {
        return tradeIndexes.isEmpty() ? -1 : tradeIndexes.getLong(tradeIndexes.size() - 1);
    }

    /** Trades with a journal index from {@code first} to the journal's last trade, both included. */
    long tradesFrom(final long first)
    {
        return first < 0 ? 0 : tradeIndexes.size() - lowerBound(first);
    }

    private int lowerBound(final long index)
    {
        int low = 0;
        int high = tradeIndexes.size();
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (tradeIndexes.getLong(mid) < index)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }
}
