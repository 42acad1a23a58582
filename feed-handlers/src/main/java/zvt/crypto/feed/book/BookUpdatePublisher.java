package zvt.crypto.feed.book;

import com.lmax.disruptor.RingBuffer;
import zvt.crypto.core.codec.BookUpdateEncoder;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.BooleanType;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.MarketEvent;

/**
 * Publishes the levels of one venue message (a delta, or a whole snapshot) as a batch of BookUpdate events, as many
 * as it takes to fit {@link MarketEvent#CAPACITY}-byte slots ({@link #MAX_LEVELS_PER_EVENT} levels each); every
 * event of the batch carries the same kind and sequences, only the last one is flagged {@code lastInBatch}. A
 * message without levels still publishes one (flagged) event, so the sequence is never silently skipped.
 * <p>
 * Not thread-safe: one per publishing thread.
 */
public final class BookUpdatePublisher
{
    /** Levels that fit one slot: header, fixed block, group header, then 19 bytes per level. */
    public static final int MAX_LEVELS_PER_EVENT = (MarketEvent.CAPACITY - MessageHeaderEncoder.ENCODED_LENGTH -
        BookUpdateEncoder.BLOCK_LENGTH - 4) / BookUpdateEncoder.LevelsEncoder.sbeBlockLength();

    private final RingBuffer<MarketEvent> ring;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final BookUpdateEncoder update = new BookUpdateEncoder();

    public BookUpdatePublisher(final RingBuffer<MarketEvent> ring)
    {
        this.ring = ring;
    }

    /** @return the number of events published (at least 1). */
    public int publish(
        final Venue venue,
        final int instrumentId,
        final BookUpdateKind kind,
        final long receiveTimeNanos,
        final long exchangeTimeNanos,
        final long firstSequence,
        final long lastSequence,
        final LevelBuffer levels)
    {
        final int total = levels.count();
        int index = 0;
        int events = 0;
        do
        {
            final int count = Math.min(MAX_LEVELS_PER_EVENT, total - index);
            final boolean last = index + count == total;
            final long sequence = ring.next();
            try
            {
                final MarketEvent event = ring.get(sequence).reset();
                update.wrapAndApplyHeader(event.buffer(), 0, header)
                    .receiveTimeNanos(receiveTimeNanos)
                    .exchangeTimeNanos(exchangeTimeNanos)
                    .instrumentId(instrumentId)
                    .venue(venue)
                    .kind(kind)
                    .lastInBatch(last ? BooleanType.TRUE : BooleanType.FALSE)
                    .firstSequence(firstSequence)
                    .lastSequence(lastSequence);
                final BookUpdateEncoder.LevelsEncoder group = update.levelsCount(count);
                for (int i = index; i < index + count; i++)
                {
                    group.next().side(levels.side(i));
                    group.price().mantissa(levels.price(i)).exponent((byte)levels.priceExponent(i));
                    group.size().mantissa(levels.size(i)).exponent((byte)levels.sizeExponent(i));
                }
                event.length(MessageHeaderEncoder.ENCODED_LENGTH + update.encodedLength());
            }
            finally
            {
                ring.publish(sequence);
            }
            index += count;
            events++;
        }
        while (index < total);
        return events;
    }
}
