package zvt.crypto.feed.binance;

import org.agrona.DirectBuffer;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.decimal.AsciiDigits;
import zvt.crypto.core.decimal.DecimalError;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.core.json.JsonStrings;
import zvt.crypto.core.json.RangeBytes;

/**
 * The fast path of {@link BinancePayload}: a frame as Binance writes it, compact JSON (no whitespace) without
 * escapes, read in one loop straight into the payload's tables, keys in any order, depth levels included. It accepts
 * a subset of what the general tokenizer accepts and records exactly what the general path would for it; at the
 * first byte outside that subset it returns false, and the frame is read again by the general path (which also
 * decides whether it is malformed). Nothing is allocated.
 * <p>
 * Not thread-safe: one per payload.
 */
final class CompactPayloadReader
{
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    /** {@code "?":} as a little-endian int, the letter masked out. */
    private static final int ONE_LETTER_NAME_MASK = 0xFFFF00FF;
    private static final int ONE_LETTER_NAME = ':' << 24 | '"' << 16 | '"';

    private final BinancePayload payload;
    private final MutableDecimal levelPrice = new MutableDecimal();
    private final MutableDecimal levelSize = new MutableDecimal();
    private DirectBuffer buffer;
    private int position;
    private int end;

    CompactPayloadReader(final BinancePayload payload)
    {
        this.payload = payload;
    }

    /**
     * @param buffer bounds-checked for the range by the caller.
     * @return true if the frame was compact and is read; false to fall back to the general path.
     */
    boolean read(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        position = offset;
        end = offset + length;
        return length > 0 && RangeBytes.get(buffer, offset) == '{' && readObject(0, true) && position == end;
    }

    /** Reads the object whose opening brace is at the position, through its closing brace. */
    private boolean readObject(final int base, final boolean topLevel)
    {
        position++;
        if (position < end && RangeBytes.get(buffer, position) == '}')
        {
            position++;
            return true;
        }
        while (true)
        {
            final int nameOffset = position + 1;
            final int nameEnd;
            if (position + 4 < end && isOneLetterName(RangeBytes.getIntLittleEndian(buffer, position)))
            {
                nameEnd = nameOffset + 1;
            }
            else
            {
                if (position >= end || RangeBytes.get(buffer, position) != '"')
                {
                    return false;
                }
                nameEnd = JsonStrings.quoteOrBackslash(buffer, nameOffset, end);
                if (nameEnd + 2 >= end || RangeBytes.get(buffer, nameEnd) != '"' ||
                    RangeBytes.get(buffer, nameEnd + 1) != ':')
                {
                    return false;
                }
            }
            final int nameLength = nameEnd - nameOffset;
            final int key = BinancePayload.key(buffer, nameOffset, nameLength, base);
            final boolean data = topLevel && key < 0 && BinancePayload.isData(buffer, nameOffset, nameLength);
            if (topLevel && key < 0 && BinancePayload.isCode(buffer, nameOffset, nameLength))
            {
                payload.venueError();
            }
            position = nameEnd + 2;
            final int start = position;
            final byte first = RangeBytes.get(buffer, start);
            if (first == '{')
            {
                if (!(data || base == 0 && key == 'k') || !readObject(data ? 0 : BinancePayload.KEYS, false))
                {
                    return false;
                }
            }
            else
            {
                final int token = readScalarOrLevels(first, base == 0 && (key == 'b' || key == 'a') ?
                    (key == 'b' ? Side.BUY : Side.SELL) : null);
                if (token == JsonCursor.ERROR)
                {
                    return false;
                }
                if (token == JsonCursor.STRING)
                {
                    payload.record(base, key, token, start + 1, position - start - 2);
                }
                else
                {
                    payload.record(base, key, token, start, position - start);
                }
            }
            if (position >= end)
            {
                return false;
            }
            final byte separator = RangeBytes.get(buffer, position++);
            if (separator == '}')
            {
                return true;
            }
            if (separator != ',')
            {
                return false;
            }
        }
    }

    /**
     * Binance's payload keys are one letter: {@code "x":} is checked as one word before any scan for a closing quote
     * (a quote or backslash as the letter is left to the scan, which rejects it).
     */
    private static boolean isOneLetterName(final int word)
    {
        final int letter = (word >>> 8) & 0xFF;
        return (word & ONE_LETTER_NAME_MASK) == ONE_LETTER_NAME && letter != '"' && letter != '\\';
    }

    /**
     * Reads a string, number, literal, or (for {@code levelSide}) an array of levels from the position.
     *
     * @return its token type, or {@link JsonCursor#ERROR} to fall back.
     */
    private int readScalarOrLevels(final byte first, final Side levelSide)
    {
        switch (first)
        {
            case '"':
                return readString() ? JsonCursor.STRING : JsonCursor.ERROR;
            case '[':
                return levelSide != null && readLevels(levelSide) ? JsonCursor.BEGIN_ARRAY : JsonCursor.ERROR;
            case 't':
                return readLiteral(TRUE) ? JsonCursor.TRUE : JsonCursor.ERROR;
            case 'f':
                return readLiteral(FALSE) ? JsonCursor.FALSE : JsonCursor.ERROR;
            case 'n':
                return readLiteral(NULL) ? JsonCursor.NULL : JsonCursor.ERROR;
            default:
                return readNumber(first) ? JsonCursor.NUMBER : JsonCursor.ERROR;
        }
    }

    /** From the opening quote to past the closing one; false on an escape or no closing quote. */
    private boolean readString()
    {
        final int close = JsonStrings.quoteOrBackslash(buffer, position + 1, end);
        if (close == end || RangeBytes.get(buffer, close) != '"')
        {
            return false;
        }
        position = close + 1;
        return true;
    }

    /** The bytes the general tokenizer takes into a number token: a sign or digit, then digits, dots, exponents. */
    private boolean readNumber(final byte first)
    {
        if (first != '-' && (first < '0' || first > '9'))
        {
            return false;
        }
        int i = AsciiDigits.runEnd(buffer, position + 1, end);
        while (i < end)
        {
            final byte b = RangeBytes.get(buffer, i);
            if ((b >= '0' && b <= '9') || b == '.' || b == 'e' || b == 'E' || b == '-' || b == '+')
            {
                i++;
            }
            else
            {
                break;
            }
        }
        position = i;
        return true;
    }

    private boolean readLiteral(final byte[] literal)
    {
        if (position + literal.length > end)
        {
            return false;
        }
        for (int i = 1; i < literal.length; i++)
        {
            if (RangeBytes.get(buffer, position + i) != literal[i])
            {
                return false;
            }
        }
        position += literal.length;
        return true;
    }

    /** {@code [["p","q"],...]} from its opening bracket through its closing one, each pair into the levels. */
    private boolean readLevels(final Side side)
    {
        position++;
        if (position < end && RangeBytes.get(buffer, position) == ']')
        {
            position++;
            return true;
        }
        while (true)
        {
            if (position >= end || RangeBytes.get(buffer, position++) != '[' || !readLevelDecimal(levelPrice) ||
                !separator(',') || !readLevelDecimal(levelSize) || !separator(']'))
            {
                return false;
            }
            payload.levels().add(side, levelPrice.mantissa(), levelPrice.exponent(), levelSize.mantissa(),
                levelSize.exponent());
            if (position >= end)
            {
                return false;
            }
            final byte next = RangeBytes.get(buffer, position++);
            if (next == ']')
            {
                return true;
            }
            if (next != ',')
            {
                return false;
            }
        }
    }

    /** A price or size as the general path reads it: a string or number that is a non-negative decimal. */
    private boolean readLevelDecimal(final MutableDecimal result)
    {
        if (position >= end)
        {
            return false;
        }
        final int start = position;
        final byte first = RangeBytes.get(buffer, start);
        final boolean string = first == '"';
        if (string ? !readString() : !readNumber(first))
        {
            return false;
        }
        final int offset = string ? start + 1 : start;
        final int length = string ? position - start - 2 : position - start;
        return AsciiDecimal.parse(buffer, offset, length, result) == DecimalError.NONE && result.mantissa() >= 0;
    }

    private boolean separator(final char expected)
    {
        return position < end && RangeBytes.get(buffer, position++) == expected;
    }
}
