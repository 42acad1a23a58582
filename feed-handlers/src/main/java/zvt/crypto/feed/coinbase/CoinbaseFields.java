package zvt.crypto.feed.coinbase;

import org.agrona.DirectBuffer;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.decimal.DecimalError;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.json.JsonCursor;

import java.nio.charset.StandardCharsets;

/**
 * Where the string fields of one flat Coinbase object (a trade, a ticker, a candle, a book level) are in the frame:
 * the object is read once, each field whose name is one of {@code names} is remembered by index (offset and length
 * of its text), anything else is skipped. Nothing is copied or allocated. Every Advanced Trade value we read is a
 * JSON string, so a field of another type counts as absent.
 * <p>
 * Not thread-safe: one per reader.
 */
final class CoinbaseFields
{
    private final byte[][] names;
    private final int[] offset;
    private final int[] length;
    private final boolean[] present;
    private DirectBuffer buffer;

    CoinbaseFields(final String... names)
    {
        this.names = new byte[names.length][];
        for (int i = 0; i < names.length; i++)
        {
            this.names[i] = ascii(names[i]);
        }
        offset = new int[names.length];
        length = new int[names.length];
        present = new boolean[names.length];
    }

    /**
     * Reads the object just opened at the cursor, through its closing brace.
     *
     * @return false if the JSON is malformed.
     */
    boolean read(final JsonCursor cursor)
    {
        buffer = cursor.buffer();
        for (int i = 0; i < present.length; i++)
        {
            present[i] = false;
        }
        while (true)
        {
            final int name = cursor.next();
            if (name == JsonCursor.END_OBJECT)
            {
                return true;
            }
            if (name != JsonCursor.FIELD_NAME)
            {
                return false;
            }
            final int field = indexOf(cursor);
            final int value = cursor.next();
            if (value == JsonCursor.STRING && field >= 0)
            {
                present[field] = true;
                offset[field] = cursor.tokenOffset();
                length[field] = cursor.tokenLength();
            }
            else if (!isValue(value) || !cursor.skipValue())
            {
                return false;
            }
        }
    }

    boolean has(final int field)
    {
        return present[field];
    }

    /** True if every field was present. */
    boolean hasAll()
    {
        for (final boolean field : present)
        {
            if (!field)
            {
                return false;
            }
        }
        return true;
    }

    DirectBuffer buffer()
    {
        return buffer;
    }

    int offset(final int field)
    {
        return offset[field];
    }

    int length(final int field)
    {
        return length[field];
    }

    boolean equals(final int field, final byte[] ascii)
    {
        if (length[field] != ascii.length)
        {
            return false;
        }
        for (int i = 0; i < ascii.length; i++)
        {
            if (buffer.getByte(offset[field] + i) != ascii[i])
            {
                return false;
            }
        }
        return true;
    }

    /** @return true if the field is a non-negative decimal, read into {@code result}. */
    boolean decimal(final int field, final MutableDecimal result)
    {
        return AsciiDecimal.parse(buffer, offset[field], length[field], result) == DecimalError.NONE &&
            result.mantissa() >= 0;
    }

    /** @return the field as an RFC 3339 time in epoch nanos, or {@link CoinbaseTime#INVALID}. */
    long time(final int field)
    {
        return CoinbaseTime.rfc3339Nanos(buffer, offset[field], length[field]);
    }

    /** True if the token just read starts a value: a container or a scalar. */
    static boolean isValue(final int token)
    {
        return token == JsonCursor.BEGIN_OBJECT || token == JsonCursor.BEGIN_ARRAY || token >= JsonCursor.STRING;
    }

    static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private int indexOf(final JsonCursor cursor)
    {
        for (int i = 0; i < names.length; i++)
        {
            if (cursor.tokenEquals(names[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
