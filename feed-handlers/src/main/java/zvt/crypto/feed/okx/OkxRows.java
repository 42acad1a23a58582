package zvt.crypto.feed.okx;

import zvt.crypto.core.codec.Side;
import zvt.crypto.core.decimal.MutableDecimal;

import java.util.Arrays;

/**
 * The trades or candle rows of one OKX frame, held after they are validated and before any is published, so a
 * frame with one bad entry publishes nothing. Parallel primitive arrays that grow by doubling and never shrink: no
 * allocation once the largest frame has been seen. Not thread-safe.
 */
final class OkxRows
{
    /** Candle decimals: open, high, low, close, vol, volCcy, volCcyQuote. */
    static final int CANDLE_DECIMALS = 7;
    static final int OPEN = 0;
    static final int HIGH = 1;
    static final int LOW = 2;
    static final int CLOSE = 3;
    static final int VOL = 4;
    static final int VOL_CCY = 5;
    static final int VOL_CCY_QUOTE = 6;
    /** A 2022 candle row without {@code confirm}. */
    static final int UNCONFIRMED = -1;

    private int count;
    private long[] times = new long[4];
    // Trades: two decimals (price, size) per row; candles: CANDLE_DECIMALS per row.
    private long[] mantissas = new long[4 * CANDLE_DECIMALS];
    private byte[] exponents = new byte[4 * CANDLE_DECIMALS];
    private Side[] sides = new Side[4];
    private int[] idOffsets = new int[4];
    private int[] idLengths = new int[4];
    private long[] ids = new long[4];
    private int[] columns = new int[4];
    private int[] confirms = new int[4];

    void clear()
    {
        count = 0;
    }

    int count()
    {
        return count;
    }

    void addTrade(
        final MutableDecimal price, final MutableDecimal size, final Side side, final long timeNanos,
        final int idOffset, final int idLength, final long id)
    {
        ensure(count);
        final int at = count * CANDLE_DECIMALS;
        mantissas[at] = price.mantissa();
        exponents[at] = (byte)price.exponent();
        mantissas[at + 1] = size.mantissa();
        exponents[at + 1] = (byte)size.exponent();
        sides[count] = side;
        times[count] = timeNanos;
        idOffsets[count] = idOffset;
        idLengths[count] = idLength;
        ids[count] = id;
        count++;
    }

    /** @return the row a candle is read into; it counts only once {@link #endCandle} is called. */
    int beginCandle()
    {
        ensure(count);
        return count;
    }

    void candleDecimal(final int row, final int index, final MutableDecimal value)
    {
        mantissas[row * CANDLE_DECIMALS + index] = value.mantissa();
        exponents[row * CANDLE_DECIMALS + index] = (byte)value.exponent();
    }

    /**
     * @param decimals how many of the decimals the row had (6 without {@code volCcyQuote}).
     * @param confirm  0 forming, 1 closed, {@link #UNCONFIRMED} when the row does not say.
     */
    void endCandle(final int row, final long openTimeNanos, final int decimals, final int confirm)
    {
        times[row] = openTimeNanos;
        columns[row] = decimals;
        confirms[row] = confirm;
        count = row + 1;
    }

    long timeNanos(final int row)
    {
        return times[row];
    }

    /** Sets {@code into} to decimal {@code index} of a row (a trade's price is 0, its size 1). */
    void decimal(final int row, final int index, final MutableDecimal into)
    {
        into.set(mantissas[row * CANDLE_DECIMALS + index], exponents[row * CANDLE_DECIMALS + index]);
    }

    Side side(final int row)
    {
        return sides[row];
    }

    int idOffset(final int row)
    {
        return idOffsets[row];
    }

    int idLength(final int row)
    {
        return idLengths[row];
    }

    long id(final int row)
    {
        return ids[row];
    }

    int decimals(final int row)
    {
        return columns[row];
    }

    int confirm(final int row)
    {
        return confirms[row];
    }

    private void ensure(final int row)
    {
        if (row < times.length)
        {
            return;
        }
        final int capacity = times.length << 1;
        times = Arrays.copyOf(times, capacity);
        mantissas = Arrays.copyOf(mantissas, capacity * CANDLE_DECIMALS);
        exponents = Arrays.copyOf(exponents, capacity * CANDLE_DECIMALS);
        sides = Arrays.copyOf(sides, capacity);
        idOffsets = Arrays.copyOf(idOffsets, capacity);
        idLengths = Arrays.copyOf(idLengths, capacity);
        ids = Arrays.copyOf(ids, capacity);
        columns = Arrays.copyOf(columns, capacity);
        confirms = Arrays.copyOf(confirms, capacity);
    }
}
