package zvt.crypto.ops.load;

import java.nio.file.Path;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.TradeDecoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.EventView;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.journal.JournalInstruments;
import zvt.crypto.journal.JournalReader;

/**
 * The ground truth of a run, read from its journal after the node closed it: every event, and each instrument's
 * trades by journal index (in journal order, so ascending), to count what a subscriber should have received.
 */
final class JournalTally
{
    private static final int POLL_LIMIT = 4096;

    private final Int2ObjectHashMap<LongArrayList> tradeIndexesByInstrument = new Int2ObjectHashMap<>();
    private InstrumentRegistry instruments;
    private long events;
    private long trades;

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
                    tally.trades++;
                    tally.tradeIndexesByInstrument.computeIfAbsent(
                        EventView.instrumentId(buffer, offset), id -> new LongArrayList()).addLong(index);
                }
            }, POLL_LIMIT) > 0)
            {
                // until the end of the journal
            }
            tally.instruments = JournalInstruments.rebuild(journal);
        }
        return tally;
    }

    long events()
    {
        return events;
    }

    long trades()
    {
        return trades;
    }

    long trades(final Venue venue)
    {
        return tradesFrom(venue, -1);
    }

    /**
     * The venue's trades with a journal index from {@code first} to the journal's end; all of them for a {@code first}
     * below 0 (a subscriber that received none should have had them all).
     */
    long tradesFrom(final Venue venue, final long first)
    {
        long trades = 0;
        for (final Instrument instrument : instruments.all())
        {
            if (instrument.venue() == venue)
            {
                trades += tradesFrom(instrument, first);
            }
        }
        return trades;
    }

    /** As {@link #tradesFrom(Venue, long)}, of one spot symbol: what a subscriber to its trades alone should have. */
    long tradesFrom(final Venue venue, final String symbol, final long first)
    {
        final Instrument instrument = instruments.bySymbol(venue, MarketType.SPOT, symbol);
        return instrument == null ? 0 : tradesFrom(instrument, first);
    }

    private long tradesFrom(final Instrument instrument, final long first)
    {
        final LongArrayList indexes = tradeIndexesByInstrument.get(instrument.id());
        return indexes == null ? 0 : indexes.size() - lowerBound(indexes, first);
    }

    private static int lowerBound(final LongArrayList indexes, final long index)
    {
        int low = 0;
        int high = indexes.size();
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (indexes.getLong(mid) < index)
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
