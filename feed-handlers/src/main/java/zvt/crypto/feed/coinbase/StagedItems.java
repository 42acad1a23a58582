package zvt.crypto.feed.coinbase;

import zvt.crypto.core.decimal.MutableDecimal;

import java.util.Arrays;

/**
 * The validated items of one event list (trades, candles), held until the list is complete so they can be
 * published in ascending key order (trade id, candle start): Coinbase sends a trade snapshot, and updates that carry
 * several trades, newest first, while the publisher's duplicate filter keeps a trade only if its id is above the
 * last one published. The sort is stable and starts from the reversed list, so the usual newest-first list costs
 * one pass. Arrays grow by doubling and never shrink: no allocation once the largest list has been seen.
 * <p>
 * Not thread-safe: one per reader.
 */
final class StagedItems
{
    private final int decimals;
    private int count;
    private int[] instrument = new int[16];
    private long[] key = new long[16];
    private long[] time = new long[16];
    private int[] tag = new int[16];
    private int[] idOffset = new int[16];
    private int[] idLength = new int[16];
    private final long[][] mantissa;
    private final byte[][] exponent;
    private int[] order = new int[16];

    /** @param decimals decimal values per item. */
    StagedItems(final int decimals)
    {
        this.decimals = decimals;
        mantissa = new long[decimals][16];
        exponent = new byte[decimals][16];
    }

    void clear()
    {
        count = 0;
    }

    int count()
    {
        return count;
    }

    /** @return the index of a new item. */
    int add(final int instrumentId, final long sortKey, final long timeNanos)
    {
        if (count == key.length)
        {
            grow(count << 1);
        }
        instrument[count] = instrumentId;
        key[count] = sortKey;
        time[count] = timeNanos;
        return count++;
    }

    /** Sets an item's sort key after the fact (e.g. only when there is more than one item to sort). */
    void key(final int item, final long sortKey)
    {
        key[item] = sortKey;
    }

    void tag(final int item, final int value)
    {
        tag[item] = value;
    }

    void id(final int item, final int offset, final int length)
    {
        idOffset[item] = offset;
        idLength[item] = length;
    }

    void decimal(final int item, final int index, final MutableDecimal value)
    {
        mantissa[index][item] = value.mantissa();
        exponent[index][item] = (byte)value.exponent();
    }

    /** Orders the items by ascending key, equal keys in reverse arrival order; read them through {@link #at}. */
    void sort()
    {
        for (int i = 0; i < count; i++)
        {
            final int item = count - 1 - i;
            int j = i;
            while (j > 0 && key[order[j - 1]] > key[item])
            {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = item;
        }
    }

    /** The item at position {@code position} of the sorted order. */
    int at(final int position)
    {
        return order[position];
    }

    int instrumentId(final int item)
    {
        return instrument[item];
    }

    long key(final int item)
    {
        return key[item];
    }

    long timeNanos(final int item)
    {
        return time[item];
    }

    int tag(final int item)
    {
        return tag[item];
    }

    int idOffset(final int item)
    {
        return idOffset[item];
    }

    int idLength(final int item)
    {
        return idLength[item];
    }

    void copyDecimal(final int item, final int index, final MutableDecimal into)
    {
        into.set(mantissa[index][item], exponent[index][item]);
    }

    private void grow(final int capacity)
    {
        instrument = Arrays.copyOf(instrument, capacity);
        key = Arrays.copyOf(key, capacity);
        time = Arrays.copyOf(time, capacity);
        tag = Arrays.copyOf(tag, capacity);
        idOffset = Arrays.copyOf(idOffset, capacity);
        idLength = Arrays.copyOf(idLength, capacity);
        order = Arrays.copyOf(order, capacity);
        for (int i = 0; i < decimals; i++)
        {
            mantissa[i] = Arrays.copyOf(mantissa[i], capacity);
            exponent[i] = Arrays.copyOf(exponent[i], capacity);
        }
    }
}
