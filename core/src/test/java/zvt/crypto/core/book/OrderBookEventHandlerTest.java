package zvt.crypto.core.book;

import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.BookUpdateEncoder;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.BooleanType;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.codec.VenueStatusCode;
import zvt.crypto.core.codec.VenueStatusEncoder;
import zvt.crypto.core.event.MarketEvent;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderBookEventHandlerTest
{
    private static final int INSTRUMENT = 5;

    private final List<Boolean> servableAtChange = new ArrayList<>();
    private final OrderBookEventHandler handler =
        new OrderBookEventHandler(book -> servableAtChange.add(book.isServable()));
    private final MarketEvent event = new MarketEvent();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final BookUpdateEncoder update = new BookUpdateEncoder();
    private final VenueStatusEncoder status = new VenueStatusEncoder();

    @Test
    void shouldBuildTheBookFromASnapshotSpanningSeveralEventsThenDeltas()
    {
        publish(BookUpdateKind.SNAPSHOT, false, 10, new long[][] {{1, 100, 5}, {1, 99, 6}});
        assertTrue(handler.bookOrNull(INSTRUMENT).isStale(), "stale until the last snapshot event");
        publish(BookUpdateKind.SNAPSHOT, true, 10, new long[][] {{2, 101, 7}});
        publish(BookUpdateKind.DELTA, true, 11, new long[][] {{1, 100, 0}, {2, 102, 1}});

        final OrderBook book = handler.bookOrNull(INSTRUMENT);
        assertTrue(book.isServable());
        assertEquals(List.of("99=6"), ReferenceBook.levels(book, true));
        assertEquals(List.of("101=7", "102=1"), ReferenceBook.levels(book, false));
        assertEquals(11, book.lastSequence());
        assertEquals(List.of(true, true), servableAtChange);
    }

    @Test
    void shouldKeepTheBookStaleFromAGapUntilTheNextSnapshotCompletes()
    {
        publish(BookUpdateKind.SNAPSHOT, true, 10, new long[][] {{1, 100, 5}, {2, 101, 5}});
        gap();
        publish(BookUpdateKind.DELTA, true, 12, new long[][] {{1, 100, 9}});

        final OrderBook book = handler.bookOrNull(INSTRUMENT);
        assertFalse(book.isServable());
        assertEquals(1, handler.skippedWhileStale());
        assertEquals(1, handler.gaps());

        publish(BookUpdateKind.SNAPSHOT, false, 20, new long[][] {{1, 98, 1}});
        publish(BookUpdateKind.DELTA, true, 21, new long[][] {{1, 97, 1}});
        assertEquals(2, handler.skippedWhileStale(), "a delta inside a snapshot batch cannot apply");
        publish(BookUpdateKind.SNAPSHOT, true, 20, new long[][] {{2, 99, 2}});

        assertTrue(book.isServable());
        assertEquals(List.of("98=1"), ReferenceBook.levels(book, true));
        assertEquals(List.of("99=2"), ReferenceBook.levels(book, false));
        assertEquals(List.of(true, false, true), servableAtChange);
    }

    private void gap()
    {
        event.reset();
        status.wrapAndApplyHeader(event.buffer(), 0, header)
            .instrumentId(INSTRUMENT)
            .venue(Venue.BINANCE)
            .status(VenueStatusCode.GAP_DETECTED)
            .reason("test");
        event.length(MessageHeaderEncoder.ENCODED_LENGTH + status.encodedLength());
        handler.onEvent(event, 0, true);
    }

    /** Levels as {side (1 buy, 2 sell), price, size}, exponent 0. */
    private void publish(final BookUpdateKind kind, final boolean last, final long sequence, final long[][] levels)
    {
        event.reset();
        update.wrapAndApplyHeader(event.buffer(), 0, header)
            .instrumentId(INSTRUMENT)
            .venue(Venue.BINANCE)
            .kind(kind)
            .lastInBatch(last ? BooleanType.TRUE : BooleanType.FALSE)
            .firstSequence(sequence)
            .lastSequence(sequence);
        final BookUpdateEncoder.LevelsEncoder encoder = update.levelsCount(levels.length);
        for (final long[] level : levels)
        {
            encoder.next().side(level[0] == 1 ? Side.BUY : Side.SELL);
            encoder.price().mantissa(level[1]).exponent((byte)0);
            encoder.size().mantissa(level[2]).exponent((byte)0);
        }
        event.length(MessageHeaderEncoder.ENCODED_LENGTH + update.encodedLength());
        handler.onEvent(event, 0, true);
    }
}
