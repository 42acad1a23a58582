package zvt.crypto.feed.okx;

import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.json.JsonCursor;

/**
 * One {@code candle*} row {@code [ts,o,h,l,c,vol,volCcy(,volCcyQuote(,confirm))]} into {@link OkxRows}; 2022 rows
 * have only the first seven and no {@code confirm}. A problem is recorded in {@link OkxValues} and the row left out.
 * Not thread-safe.
 */
final class OkxCandleReader
{
    private static final int MIN_COLUMNS = 7;

    private final OkxValues values;
    private final OkxRows rows;
    private final MutableDecimal value = new MutableDecimal();

    OkxCandleReader(final OkxValues values, final OkxRows rows)
    {
        this.values = values;
        this.rows = rows;
    }

    /** Reads the array the cursor just opened; @return false if the JSON is malformed. */
    boolean read(final JsonCursor c)
    {
        int column = 0;
        long time = OkxPayload.NONE;
        int confirm = OkxRows.UNCONFIRMED;
        boolean valid = true;
        final int row = rows.beginCandle();
        while (true)
        {
            final int token = c.next();
            if (token == JsonCursor.END_ARRAY)
            {
                break;
            }
            if (!OkxValues.isValue(token))
            {
                return false;
            }
            if (token != JsonCursor.STRING && token != JsonCursor.NUMBER)
            {
                values.error(OkxDecodeError.BAD_DATA);
                valid = false;
                if (!c.skipValue())
                {
                    return false;
                }
            }
            else if (column == 0)
            {
                time = values.millis(c, token);
            }
            else if (column <= OkxRows.CANDLE_DECIMALS)
            {
                final boolean isPrice = column <= 4;
                valid &= values.decimal(c, token, value, isPrice ? OkxDecodeError.BAD_PRICE : OkxDecodeError.BAD_SIZE);
                rows.candleDecimal(row, column - 1, value);
            }
            else if (column == OkxRows.CANDLE_DECIMALS + 1)
            {
                confirm = c.tokenLength() != 1 ? -1 : c.buffer().getByte(c.tokenOffset()) - '0';
                if (confirm != 0 && confirm != 1)
                {
                    values.error(OkxDecodeError.BAD_CONFIRM);
                    valid = false;
                }
            }
            column++;
        }
        if (column < MIN_COLUMNS)
        {
            values.error(OkxDecodeError.MISSING_FIELD);
        }
        else if (valid && time != OkxPayload.NONE)
        {
            rows.endCandle(row, time, Math.min(column - 1, OkxRows.CANDLE_DECIMALS), confirm);
        }
        return true;
    }
}
