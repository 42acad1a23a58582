package zvt.crypto.core.json;

import org.agrona.DirectBuffer;

/**
 * The end of a JSON string's plain bytes, found eight bytes at a time: strings are most of a venue frame. Stateless;
 * reads only inside the range, which the caller has bounds-checked.
 */
public final class JsonStrings
{
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

    private JsonStrings()
    {
    }

    /** @return the index of the first quote or backslash in {@code [from, end)}, or {@code end} if there is none. */
    public static int quoteOrBackslash(final DirectBuffer buffer, final int from, final int end)
    {
        int i = from;
        for (; i + Long.BYTES <= end; i += Long.BYTES)
        {
            final long bytes = RangeBytes.getLongLittleEndian(buffer, i);
            final long quotes = bytes ^ QUOTES;
            final long backslashes = bytes ^ BACKSLASHES;
            // A byte is zero in quotes or backslashes where the input holds that character; the lowest such byte
            // is flagged exactly (higher ones may be false positives, which are never looked at).
            final long found = ((quotes - ONES) & ~quotes | (backslashes - ONES) & ~backslashes) & HIGH_BITS;
            if (found != 0)
            {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < end; i++)
        {
            final byte b = RangeBytes.get(buffer, i);
            if (b == '"' || b == '\\')
            {
                return i;
            }
        }
        return end;
    }
}
