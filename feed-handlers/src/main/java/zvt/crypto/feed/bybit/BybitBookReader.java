package zvt.crypto.feed.bybit;

import zvt.crypto.core.codec.Side;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.book.BookFields;
import zvt.crypto.feed.book.LevelBuffer;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.publish.TopFields;

/**
 * {@code orderbook.<depth>} data {@code {s, b:[[price,size],...], a:[...], u, seq}}:
 * <ul>
 *     <li>depth 50 and 200 (and any other above 1): one {@link BookFields} message for the feed's book sync, a
 *     snapshot for {@code type:"snapshot"} and for {@code u == 1} (Bybit's restart snapshot, which overwrites the
 *     book whatever its type), else a delta; ids {@code (u, u)}, so the rule chains on {@code u = previous u + 1};
 *     exchange time = the envelope's {@code ts};</li>
 *     <li>depth 1: TopOfBook (best bid {@code b[0]}, best ask {@code a[0]}, an empty side as 0 at 0) with sequence
 *     {@code u}: Bybit re-pushes an unchanged level-1 snapshot every 3 s with the same {@code u}, which the
 *     publisher's duplicate filter then drops; {@code u == 1} restarts the numbering, so that quote is never a
 *     duplicate. Level 1 is documented as snapshots only; a level-1 delta would
 *     carry only the changed side, so it is ignored rather than published as a wrong quote.</li>
 * </ul>
 * Sizes are absolute, {@code "0"} removes the level. Not thread-safe.
 */
final class BybitBookReader
{
    private static final long RESTART_UPDATE_ID = 1;

    private final FeedPublisher publisher;
    private JsonCursor cursor;
    private long updateId;
    private final LevelBuffer topLevels = new LevelBuffer();
    private final MutableDecimal levelPrice = new MutableDecimal();
    private final MutableDecimal levelSize = new MutableDecimal();

    BybitBookReader(final FeedPublisher publisher)
    {
        this.publisher = publisher;
    }

    /**
     * Reads the data value that starts with {@code token}: levels into the publisher's book message (or, for
     * level 1, into a scratch buffer) and {@code u}.
     *
     * @return null if valid, else why the frame is rejected.
     */
    BybitDecodeError read(final JsonCursor cursor, final int token, final boolean topOfBook)
    {
        this.cursor = cursor;
        if (token != JsonCursor.BEGIN_OBJECT)
        {
            return BybitDecodeError.BAD_DATA;
        }
        final LevelBuffer levels = topOfBook ? topLevels : publisher.book().levels();
        levels.clear();
        updateId = -2;
        boolean bids = false;
        boolean asks = false;
        while (true)
        {
            final int name = cursor.next();
            if (name == JsonCursor.END_OBJECT)
            {
                break;
            }
            if (name != JsonCursor.FIELD_NAME)
            {
                return BybitDecodeError.BAD_DATA;
            }
            final boolean isBids = BybitJson.isName(cursor, 'b');
            final boolean isAsks = BybitJson.isName(cursor, 'a');
            final boolean isUpdateId = BybitJson.isName(cursor, 'u');
            final int value = cursor.next();
            if (isBids || isAsks)
            {
                if (value != JsonCursor.BEGIN_ARRAY || !readLevels(levels, isBids ? Side.BUY : Side.SELL))
                {
                    return BybitDecodeError.BAD_LEVELS;
                }
                bids |= isBids;
                asks |= isAsks;
                continue;
            }
            if (isUpdateId)
            {
                updateId = value == JsonCursor.NUMBER ? BybitEnvelope.digits(cursor.buffer(), cursor.tokenOffset(),
                    cursor.tokenLength()) : -1;
            }
            if (!cursor.skipValue())
            {
                return BybitDecodeError.MALFORMED_JSON;
            }
        }
        if (updateId == -2 || !bids || !asks)
        {
            return BybitDecodeError.MISSING_FIELD;
        }
        return updateId < 0 ? BybitDecodeError.BAD_ID : null;
    }

    /** Publishes the message read last, now that the envelope's type and time are known. */
    void publish(final BybitEnvelope envelope, final int instrumentId, final boolean topOfBook)
    {
        final boolean snapshot = envelope.snapshot() == 1;
        if (topOfBook)
        {
            if (snapshot)
            {
                publishTop(instrumentId, envelope.timeNanos(), updateId);
            }
            return;
        }
        final BookFields book = publisher.book().resetHeader(instrumentId, snapshot);
        book.ids(updateId, updateId).exchangeTimeNanos(envelope.timeNanos());
        if (updateId == RESTART_UPDATE_ID)
        {
            book.snapshot(true);
        }
        publisher.publishBook();
    }

    private void publishTop(final int instrumentId, final long timeNanos, final long updateId)
    {
        final TopFields top = publisher.top();
        top.instrumentId(instrumentId).exchangeTimeNanos(timeNanos);
        if (updateId == RESTART_UPDATE_ID)
        {
            top.restartedSequence(updateId); // after a service restart u counts from 1 again
        }
        else
        {
            top.sequence(updateId);
        }
        top.bidPrice().set(0, 0);
        top.bidSize().set(0, 0);
        top.askPrice().set(0, 0);
        top.askSize().set(0, 0);
        boolean bid = false;
        boolean ask = false;
        for (int i = 0; i < topLevels.count(); i++)
        {
            final boolean isBid = topLevels.side(i) == Side.BUY;
            if (isBid ? bid : ask)
            {
                continue;
            }
            (isBid ? top.bidPrice() : top.askPrice()).set(topLevels.price(i), topLevels.priceExponent(i));
            (isBid ? top.bidSize() : top.askSize()).set(topLevels.size(i), topLevels.sizeExponent(i));
            bid |= isBid;
            ask |= !isBid;
        }
        publisher.publishTop();
    }

    /** Reads {@code ["price","size"]} pairs through the array's closing bracket. @return false if one is not. */
    private boolean readLevels(final LevelBuffer levels, final Side side)
    {
        while (true)
        {
            final int token = cursor.next();
            if (token == JsonCursor.END_ARRAY)
            {
                return true;
            }
            if (token != JsonCursor.BEGIN_ARRAY ||
                !BybitJson.decimal(cursor, cursor.next(), levelPrice) ||
                !BybitJson.decimal(cursor, cursor.next(), levelSize) ||
                cursor.next() != JsonCursor.END_ARRAY)
            {
                return false;
            }
            levels.add(side, levelPrice.mantissa(), levelPrice.exponent(), levelSize.mantissa(),
                levelSize.exponent());
        }
    }
}
