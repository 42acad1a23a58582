package zvt.crypto.persistence.redis;

import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;

import zvt.crypto.core.book.OrderBook;
import zvt.crypto.core.book.PriceLevels;
import zvt.crypto.core.codec.BookUpdateEncoder;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.BooleanType;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.feed.book.BookUpdatePublisher;

/**
 * Writes a whole book as SNAPSHOT BookUpdate events, split as the feeds split them (at most
 * {@link BookUpdatePublisher#MAX_LEVELS_PER_EVENT} levels per event, the last flagged), so a reader applies it like
 * a venue's own snapshot.
 * <p>
 * Not thread-safe.
 */
final class BookSnapshotEncoder
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final BookUpdateEncoder update = new BookUpdateEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MarketEvent.CAPACITY]);

    /** Appends the book's events, bids then asks, best first, to {@code parts}. */
    void encode(final OrderBook book, final Venue venue, final long timeNanos, final List<byte[]> parts)
    {
        final PriceLevels bids = book.bids();
        final PriceLevels asks = book.asks();
        final int total = bids.depth() + asks.depth();
        int level = 0;
        do
        {
            final int count = Math.min(BookUpdatePublisher.MAX_LEVELS_PER_EVENT, total - level);
            update.wrapAndApplyHeader(buffer, 0, header)
                .receiveTimeNanos(timeNanos)
                .exchangeTimeNanos(timeNanos)
                .instrumentId(book.instrumentId())
                .venue(venue)
                .kind(BookUpdateKind.SNAPSHOT)
                .lastInBatch(level + count == total ? BooleanType.TRUE : BooleanType.FALSE)
                .firstSequence(book.lastSequence())
                .lastSequence(book.lastSequence());
            final BookUpdateEncoder.LevelsEncoder group = update.levelsCount(count);
            for (int i = level; i < level + count; i++)
            {
                final boolean bid = i < bids.depth();
                final PriceLevels side = bid ? bids : asks;
                final int at = bid ? i : i - bids.depth();
                group.next().side(bid ? Side.BUY : Side.SELL);
                group.price().mantissa(side.price(at)).exponent((byte)book.priceExponent());
                group.size().mantissa(side.size(at)).exponent((byte)book.sizeExponent());
            }
            final byte[] part = new byte[MessageHeaderEncoder.ENCODED_LENGTH + update.encodedLength()];
            buffer.getBytes(0, part);
            parts.add(part);
            level += count;
        }
        while (level < total);
    }
}
