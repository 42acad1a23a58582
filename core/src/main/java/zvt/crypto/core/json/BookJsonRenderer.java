package zvt.crypto.core.json;

import org.agrona.MutableDirectBuffer;

import zvt.crypto.core.book.OrderBook;
import zvt.crypto.core.book.PriceLevels;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;

/**
 * The JSON form of a book as it stands: a {@code book_snapshot} (best levels first, optionally only the top
 * {@code depth}) or a {@code book_status} saying it is stale. The gateway sends these; Redis keeps the snapshot.
 * Allocation-free.
 * <p>
 * Not thread-safe: one renderer per thread, used on the thread that owns the books.
 */
public final class BookJsonRenderer
{
    /** A depth that means every level. */
    public static final int ALL_LEVELS = Integer.MAX_VALUE;

    private final InstrumentRegistry instruments;
    private final JsonWriter json = new JsonWriter();

    public BookJsonRenderer(final InstrumentRegistry instruments)
    {
        this.instruments = instruments;
    }

    /** @return bytes written at {@code offset}. */
    public int snapshot(
        final OrderBook book,
        final int venueCode,
        final int depth,
        final long journalIndex,
        final MutableDirectBuffer out,
        final int offset)
    {
        begin("book_snapshot", book.instrumentId(), venueCode, out, offset).field("sequence", book.lastSequence());
        if (depth != ALL_LEVELS)
        {
            json.field("depth", depth);
        }
        levels("bids", book.bids(), book, depth);
        levels("asks", book.asks(), book, depth);
        return end(journalIndex, offset);
    }

    /** @return bytes written at {@code offset}. */
    public int stale(
        final int instrumentId,
        final int venueCode,
        final long journalIndex,
        final MutableDirectBuffer out,
        final int offset)
    {
        begin("book_status", instrumentId, venueCode, out, offset).field("state", "stale");
        return end(journalIndex, offset);
    }

    private JsonWriter begin(
        final String type, final int instrumentId, final int venueCode, final MutableDirectBuffer out, final int offset)
    {
        json.wrap(out, offset).beginObject().field("type", type).field("venue", Venue.get((short)venueCode).name());
        final Instrument instrument = instruments.byIdOrNull(instrumentId);
        if (instrument != null)
        {
            json.field("symbol", instrument.symbol());
        }
        return json.field("instrumentId", instrumentId);
    }

    private int end(final long journalIndex, final int offset)
    {
        json.field("journalIndex", journalIndex).endObject();
        return json.position() - offset;
    }

    private void levels(final String name, final PriceLevels levels, final OrderBook book, final int depth)
    {
        json.beginArray(name);
        for (int i = 0, n = Math.min(depth, levels.depth()); i < n; i++)
        {
            json.beginArray()
                .decimal(levels.price(i), book.priceExponent())
                .decimal(levels.size(i), book.sizeExponent())
                .endArray();
        }
        json.endArray();
    }
}
