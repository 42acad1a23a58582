package zvt.crypto.feed.binance;

import org.agrona.DirectBuffer;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.decimal.DecimalError;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.book.BookFields;
import zvt.crypto.feed.book.LevelBuffer;
import zvt.crypto.feed.book.SnapshotReader;
import zvt.crypto.feed.publish.VenueIds;

import java.nio.charset.StandardCharsets;

/**
 * Reads Binance REST depth snapshots ({@code lastUpdateId}, {@code bids}, {@code asks}; levels
 * {@code [["price","qty"],...]}; spot {@code /api/v3/depth} and USD-M {@code /fapi/v1/depth} alike) into a snapshot
 * message ending at {@code lastUpdateId}. (Diff events' levels are read by {@link BinancePayload} in its single
 * pass.) Zero allocation. Not thread-safe: one per feed, on its event loop.
 */
final class BinanceSnapshotReader implements SnapshotReader
{
    private static final byte[] LAST_UPDATE_ID = "lastUpdateId".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BIDS = "bids".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ASKS = "asks".getBytes(StandardCharsets.US_ASCII);

    private final JsonCursor cursor = new JsonCursor();
    private final MutableDecimal price = new MutableDecimal();
    private final MutableDecimal size = new MutableDecimal();

    public boolean read(
        final int instrumentId, final DirectBuffer buffer, final int offset, final int length, final BookFields into)
    {
        into.reset(instrumentId, true);
        final LevelBuffer levels = into.levels();
        long lastUpdateId = VenueIds.INVALID;
        cursor.wrap(buffer, offset, length);
        if (cursor.next() != JsonCursor.BEGIN_OBJECT)
        {
            return false;
        }
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
                return false;
            }
            final boolean isId = cursor.tokenEquals(LAST_UPDATE_ID);
            final boolean isBids = cursor.tokenEquals(BIDS);
            final boolean isAsks = cursor.tokenEquals(ASKS);
            final int value = cursor.next();
            if (isId && value == JsonCursor.NUMBER)
            {
                lastUpdateId = VenueIds.parse(buffer, cursor.tokenOffset(), cursor.tokenLength());
            }
            else if ((isBids || isAsks) && value == JsonCursor.BEGIN_ARRAY)
            {
                if (!readLevels(isBids ? Side.BUY : Side.SELL, levels))
                {
                    return false;
                }
                bids |= isBids;
                asks |= isAsks;
            }
            else if (value == JsonCursor.ERROR || value == JsonCursor.END || !cursor.skipValue())
            {
                return false;
            }
        }
        into.ids(lastUpdateId, lastUpdateId);
        return lastUpdateId != VenueIds.INVALID && bids && asks && cursor.next() == JsonCursor.END;
    }

    /** Reads {@code ["p","q"]} pairs after the array's opening bracket, through its closing one. */
    private boolean readLevels(final Side side, final LevelBuffer levels)
    {
        while (true)
        {
            final int token = cursor.next();
            if (token == JsonCursor.END_ARRAY)
            {
                return true;
            }
            if (token != JsonCursor.BEGIN_ARRAY || !readDecimal(price) || !readDecimal(size) ||
                cursor.next() != JsonCursor.END_ARRAY)
            {
                return false;
            }
            levels.add(side, price.mantissa(), price.exponent(), size.mantissa(), size.exponent());
        }
    }

    private boolean readDecimal(final MutableDecimal result)
    {
        final int token = cursor.next();
        return (token == JsonCursor.STRING || token == JsonCursor.NUMBER) &&
            AsciiDecimal.parse(cursor.buffer(), cursor.tokenOffset(), cursor.tokenLength(), result) ==
            DecimalError.NONE && result.mantissa() >= 0;
    }
}
