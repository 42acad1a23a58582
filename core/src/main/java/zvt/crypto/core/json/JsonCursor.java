package zvt.crypto.core.json;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

/**
 * A pull tokenizer over JSON bytes that allocates nothing: venue frames are read field by field straight from the
 * network buffer. Strings are reported as the raw byte range between the quotes (escapes are not decoded; the
 * fields we read never need them). The tokenizer is lenient about separators and validates only structure; callers
 * check that the fields they need were present and well formed.
 * <p>
 * Speed: the range is bounds-checked once in {@link #wrap} and then read without per-byte checks (every read stays
 * below {@code end}), and strings, most of a venue frame, are scanned eight bytes at a time for a quote or backslash
 * ({@link JsonStrings}).
 * <p>
 * Not thread-safe: one cursor per decoding thread.
 */
public final class JsonCursor
{
    public static final int ERROR = -1;
    public static final int END = 0;
    public static final int BEGIN_OBJECT = 1;
    public static final int END_OBJECT = 2;
    public static final int BEGIN_ARRAY = 3;
    public static final int END_ARRAY = 4;
    public static final int FIELD_NAME = 5;
    public static final int STRING = 6;
    public static final int NUMBER = 7;
    public static final int TRUE = 8;
    public static final int FALSE = 9;
    public static final int NULL = 10;

    private static final int MAX_DEPTH = 63;
    private static final byte SEPARATOR = 1;
    private static final byte NUMBER_PART = 2;
    /** What each byte is between tokens: one table load instead of up to seven comparisons per byte. */
    private static final byte[] BYTE_CLASS = new byte[256];

    static
    {
        for (final char c : " ,:\n\r\t".toCharArray())
        {
            BYTE_CLASS[c] = SEPARATOR;
        }
        for (final char c : "0123456789.eE-+".toCharArray())
        {
            BYTE_CLASS[c] = NUMBER_PART;
        }
    }

    private DirectBuffer buffer;
    private byte[] array;
    private long address;
    private int position;
    private int end;
    private int tokenOffset;
    private int tokenLength;
    private int token;
    private long objectBits;
    private int depth;
    private boolean afterName;

    /**
     * @throws IndexOutOfBoundsException if the range is not inside the buffer.
     */
    public JsonCursor wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        buffer.boundsCheck(offset, length);
        this.buffer = buffer;
        this.array = buffer.byteArray();
        this.address = buffer.addressOffset();
        this.position = offset;
        this.end = offset + length;
        this.tokenOffset = offset;
        this.tokenLength = 0;
        this.token = END;
        this.objectBits = 0;
        this.depth = 0;
        this.afterName = false;
        return this;
    }

    /**
     * @return the next token type; {@link #END} at the end of input, {@link #ERROR} on malformed input.
     */
    public int next()
    {
        while (position < end)
        {
            final byte b = byteAt(position);
            if (BYTE_CLASS[b & 0xFF] == SEPARATOR)
            {
                position++;
                continue;
            }
            tokenOffset = position;
            switch (b)
            {
                case '{':
                    return container(BEGIN_OBJECT, true);
                case '[':
                    return container(BEGIN_ARRAY, false);
                case '}':
                case ']':
                    return closeContainer(b == '}');
                case '"':
                    return string();
                case 't':
                    return literal("true", TRUE);
                case 'f':
                    return literal("false", FALSE);
                case 'n':
                    return literal("null", NULL);
                default:
                    return number(b);
            }
        }
        tokenLength = 0;
        return token = depth == 0 ? END : ERROR;
    }

    /**
     * Skip the value whose first token was just returned (a whole object or array, or a scalar).
     *
     * @return false if the input ended or was malformed before the value did.
     */
    public boolean skipValue()
    {
        if (token != BEGIN_OBJECT && token != BEGIN_ARRAY)
        {
            return token != ERROR;
        }
        final int targetDepth = depth - 1;
        while (depth > targetDepth)
        {
            final int t = next();
            if (t == ERROR || t == END)
            {
                return false;
            }
        }
        return true;
    }

    public int token()
    {
        return token;
    }

    public int tokenOffset()
    {
        return tokenOffset;
    }

    public int tokenLength()
    {
        return tokenLength;
    }

    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** Depth of the container the cursor is in: 1 inside the top-level object. */
    public int depth()
    {
        return depth;
    }

    public boolean tokenEquals(final byte[] ascii)
    {
        if (tokenLength != ascii.length)
        {
            return false;
        }
        for (int i = 0; i < ascii.length; i++)
        {
            if (byteAt(tokenOffset + i) != ascii[i])
            {
                return false;
            }
        }
        return true;
    }

    /** True if the token is the one ASCII character {@code c} (Bybit's field names are single letters). */
    public boolean tokenIs(final char c)
    {
        return tokenLength == 1 && byteAt(tokenOffset) == c;
    }

    /** The token as a signed decimal integer; {@link Long#MIN_VALUE} if it is not one. */
    public long tokenAsLong()
    {
        int i = tokenOffset;
        final int limit = tokenOffset + tokenLength;
        if (i == limit)
        {
            return Long.MIN_VALUE;
        }
        final boolean negative = byteAt(i) == '-';
        if (negative)
        {
            i++;
        }
        if (i == limit || limit - i > 18)
        {
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (; i < limit; i++)
        {
            final int digit = byteAt(i) - '0';
            if (digit < 0 || digit > 9)
            {
                return Long.MIN_VALUE;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    private byte byteAt(final int index)
    {
        return UnsafeApi.getByte(array, address + index);
    }

    private int container(final int type, final boolean isObject)
    {
        if (depth == MAX_DEPTH)
        {
            return token = ERROR;
        }
        position++;
        tokenLength = 1;
        objectBits = isObject ? objectBits | (1L << depth) : objectBits & ~(1L << depth);
        depth++;
        afterName = false;
        return token = type;
    }

    private int closeContainer(final boolean isObject)
    {
        if (depth == 0 || inObject() != isObject)
        {
            return token = ERROR;
        }
        position++;
        tokenLength = 1;
        depth--;
        afterName = false;
        return token = isObject ? END_OBJECT : END_ARRAY;
    }

    private boolean inObject()
    {
        return depth > 0 && (objectBits & (1L << (depth - 1))) != 0;
    }

    private int string()
    {
        int i = JsonStrings.quoteOrBackslash(buffer, position + 1, end);
        while (i < end)
        {
            if (byteAt(i) == '\\')
            {
                i = JsonStrings.quoteOrBackslash(buffer, i + 2, end);
                continue;
            }
            tokenOffset = position + 1;
            tokenLength = i - tokenOffset;
            position = i + 1;
            if (inObject() && !afterName)
            {
                afterName = true;
                return token = FIELD_NAME;
            }
            afterName = false;
            return token = STRING;
        }
        return token = ERROR;
    }

    private int literal(final String text, final int type)
    {
        final int length = text.length();
        if (position + length > end)
        {
            return token = ERROR;
        }
        for (int i = 0; i < length; i++)
        {
            if (byteAt(position + i) != text.charAt(i))
            {
                return token = ERROR;
            }
        }
        position += length;
        tokenLength = length;
        afterName = false;
        return token = type;
    }

    private int number(final byte first)
    {
        if (!(first == '-' || (first >= '0' && first <= '9')))
        {
            return token = ERROR;
        }
        int i = position + 1;
        while (i < end)
        {
            final byte b = byteAt(i);
            if (BYTE_CLASS[b & 0xFF] == NUMBER_PART)
            {
                i++;
            }
            else
            {
                break;
            }
        }
        tokenLength = i - position;
        position = i;
        afterName = false;
        return token = NUMBER;
    }
}
