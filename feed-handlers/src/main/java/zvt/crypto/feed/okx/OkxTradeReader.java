package zvt.crypto.feed.okx;

import zvt.crypto.core.codec.Side;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.publish.VenueIds;

import static zvt.crypto.feed.okx.OkxPayload.ascii;

/**
 * One {@code trades} entry {@code {instId, tradeId, px, sz, side, ts}} into {@link OkxRows}: a trade with every field
 * present and valid is added; a problem is recorded in {@link OkxValues} and the trade left out. Not thread-safe.
 */
final class OkxTradeReader extends OkxObjectReader
{
    private static final byte[] TRADE_ID = ascii("tradeId");
    private static final byte[] PX = ascii("px");
    private static final byte[] SZ = ascii("sz");
    private static final byte[] SIDE = ascii("side");
    private static final byte[] TS = ascii("ts");
    private static final byte[] BUY = ascii("buy");
    private static final byte[] SELL = ascii("sell");
    private static final int ALL_FIELDS = 0b111110;

    private final OkxRows rows;
    private final MutableDecimal price = new MutableDecimal();
    private final MutableDecimal size = new MutableDecimal();
    private int idOffset;
    private int idLength;
    private long id;
    private long time;
    private Side side;
    private boolean hasPrice;
    private boolean hasSize;

    OkxTradeReader(final OkxValues values, final OkxRows rows)
    {
        super(values);
        this.rows = rows;
    }

    void begin()
    {
        idOffset = -1;
        idLength = 0;
        id = VenueIds.INVALID;
        time = OkxPayload.NONE;
        side = null;
        hasPrice = false;
        hasSize = false;
    }

    int field(final JsonCursor c)
    {
        return c.tokenEquals(TRADE_ID) ? 1 : c.tokenEquals(PX) ? 2 : c.tokenEquals(SZ) ? 3 : c.tokenEquals(SIDE) ? 4 :
            c.tokenEquals(TS) ? 5 : 0;
    }

    boolean value(final int field, final JsonCursor c, final int token)
    {
        switch (field)
        {
            case 1 ->
            {
                id = token == JsonCursor.STRING ? values.digits(c.tokenOffset(), c.tokenLength()) : VenueIds.INVALID;
                if (id == VenueIds.INVALID)
                {
                    values.error(OkxDecodeError.BAD_ID);
                }
                idOffset = c.tokenOffset();
                idLength = c.tokenLength();
            }
            case 2 -> hasPrice = values.decimal(c, token, price, OkxDecodeError.BAD_PRICE);
            case 3 -> hasSize = values.decimal(c, token, size, OkxDecodeError.BAD_SIZE);
            case 4 ->
            {
                side = token != JsonCursor.STRING ? null : c.tokenEquals(BUY) ? Side.BUY :
                    c.tokenEquals(SELL) ? Side.SELL : null;
                if (side == null)
                {
                    values.error(OkxDecodeError.BAD_SIDE);
                }
            }
            default -> time = values.millis(c, token);
        }
        return true;
    }

    void end(final int found)
    {
        if (found != ALL_FIELDS)
        {
            values.error(OkxDecodeError.MISSING_FIELD);
        }
        else if (hasPrice && hasSize && side != null && time != OkxPayload.NONE && id != VenueIds.INVALID)
        {
            rows.addTrade(price, size, side, time, idOffset, idLength, id);
        }
    }
}
