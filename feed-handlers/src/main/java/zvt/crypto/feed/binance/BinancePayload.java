package zvt.crypto.feed.binance;

import org.agrona.DirectBuffer;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.decimal.DecimalError;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.core.json.RangeBytes;
import zvt.crypto.feed.publish.VenueIds;
import zvt.crypto.feed.book.LevelBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One pass over a Binance frame that remembers where each one-letter payload field's value is: the fields of the
 * combined-stream {@code data} object (or of a raw frame itself), and those of a nested {@code k} object (klines).
 * Arrays and objects are remembered by their extent (first to last byte). Depth levels, arrays {@code b} and
 * {@code a} of {@code [price, quantity]} pairs, are read into {@link #levels()} in the same pass, so a diff-depth
 * frame is tokenized once. Nothing is copied or allocated: the frame's bytes are read in place, and "absent" is a
 * generation stamp, so a frame costs no reset of the tables.
 * <p>
 * Two readers fill the tables: {@link CompactPayloadReader} for frames as Binance writes them (compact, no escapes;
 * the faster one, see benchmarks/RESULTS.md, Step 8), and the general {@link JsonCursor} path for anything else,
 * which the compact reader hands back at its first unexpected byte. Both record the same fields for a frame.
 * <p>
 * Not thread-safe: one per adapter, on its event loop.
 */
final class BinancePayload
{
    static final int ABSENT = JsonCursor.END;
    /** Tables of the nested {@code k} object start here; below it, those of the payload. */
    static final int KEYS = 128;
    static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long MAX_TIME_MS = Long.MAX_VALUE / NANOS_PER_MILLI;
    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CODE = "code".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PREVIOUS_FINAL_ID = "pu".getBytes(StandardCharsets.US_ASCII);
    /** The slot of the futures depth field {@code pu}, the one two-letter field Binance payloads need. */
    static final char PU = (char)(KEYS - 1);
    private static final int FIELD_INTS = 4;
    private static final int STAMP = 0;
    private static final int TOKEN = 1;
    private static final int OFFSET = 2;
    private static final int LENGTH = 3;

    private final JsonCursor cursor = new JsonCursor();
    /** Per field slot, side by side: generation stamp, token type, value offset, value length. */
    private final int[] fields = new int[KEYS * 2 * FIELD_INTS];
    private final LevelBuffer levels;
    private final CompactPayloadReader compactReader = new CompactPayloadReader(this);
    private final MutableDecimal levelPrice = new MutableDecimal();
    private final MutableDecimal levelSize = new MutableDecimal();
    private boolean levelsValid;
    private int generation;
    private boolean venueError;
    private DirectBuffer buffer;

    /** @param levels where depth levels are read to (the feed publisher's book message). */
    BinancePayload(final LevelBuffer levels)
    {
        this.levels = levels;
    }

    /** @return null if the frame is one well-formed JSON object, else {@link BinanceFrameError#MALFORMED_JSON}. */
    BinanceFrameError parse(final DirectBuffer buffer, final int offset, final int length)
    {
        buffer.boundsCheck(offset, length);
        begin(buffer);
        if (compactReader.read(buffer, offset, length))
        {
            return null;
        }
        begin(buffer);
        return readGeneral(buffer, offset, length);
    }

    /**
     * Reads the frame with the general tokenizer only: any whitespace, escapes or nesting. {@link #parse} falls back
     * to it when the compact reader gives up; tests compare the two.
     */
    BinanceFrameError readGeneral(final DirectBuffer buffer, final int offset, final int length)
    {
        buffer.boundsCheck(offset, length); // field reads below skip the per-byte check
        cursor.wrap(buffer, offset, length);
        if (cursor.next() != JsonCursor.BEGIN_OBJECT || !readObject(0, true) || cursor.next() != JsonCursor.END)
        {
            return BinanceFrameError.MALFORMED_JSON;
        }
        return null;
    }

    /** Forgets the previous frame's fields, levels and flags: a new generation. */
    void begin(final DirectBuffer buffer)
    {
        this.buffer = buffer;
        if (++generation == 0)
        {
            Arrays.fill(fields, 0);
            generation = 1;
        }
        venueError = false;
        levels.clear();
        levelsValid = true;
    }

    /**
     * The table slot of a field named by the bytes at {@code nameOffset}: its one letter (plus {@link #KEYS} inside
     * {@code k}), {@link #PU} for {@code pu} outside {@code k}, or -1 for any other name.
     */
    static int key(final DirectBuffer buffer, final int nameOffset, final int nameLength, final int base)
    {
        return nameLength == 1 ? RangeBytes.get(buffer, nameOffset) :
            base == 0 && nameEquals(buffer, nameOffset, nameLength, PREVIOUS_FINAL_ID) ? PU : -1;
    }

    static boolean isData(final DirectBuffer buffer, final int nameOffset, final int nameLength)
    {
        return nameEquals(buffer, nameOffset, nameLength, DATA);
    }

    static boolean isCode(final DirectBuffer buffer, final int nameOffset, final int nameLength)
    {
        return nameEquals(buffer, nameOffset, nameLength, CODE);
    }

    /** Remembers field {@code key} of the object whose table starts at {@code base}, if it is one we keep. */
    void record(final int base, final int key, final int token, final int offset, final int length)
    {
        if (key > 0 && key < KEYS)
        {
            final int at = (base + key) * FIELD_INTS;
            fields[at + STAMP] = generation;
            fields[at + TOKEN] = token;
            fields[at + OFFSET] = offset;
            fields[at + LENGTH] = length;
        }
    }

    void venueError()
    {
        venueError = true;
    }

    DirectBuffer buffer()
    {
        return buffer;
    }

    /** True if the frame had a top-level {@code code} field: a venue error reply. */
    boolean isVenueError()
    {
        return venueError;
    }

    /** The levels of the payload's {@code b} (BUY) and {@code a} (SELL) arrays, in frame order. */
    LevelBuffer levels()
    {
        return levels;
    }

    /** False if a {@code b} or {@code a} array held something other than {@code [price, quantity]} pairs. */
    boolean levelsValid()
    {
        return levelsValid;
    }

    /** Token type of payload field {@code key}, or {@link #ABSENT}. */
    int token(final char key)
    {
        final int at = key * FIELD_INTS;
        return fields[at + STAMP] == generation ? fields[at + TOKEN] : ABSENT;
    }

    int offset(final char key)
    {
        return fields[key * FIELD_INTS + OFFSET];
    }

    int length(final char key)
    {
        return fields[key * FIELD_INTS + LENGTH];
    }

    /** Token type of field {@code key} of the nested {@code k} object, or {@link #ABSENT}. */
    int klineToken(final char key)
    {
        return token(klineKey(key));
    }

    static char klineKey(final char key)
    {
        return (char)(KEYS + key);
    }

    boolean isString(final char key, final byte[] ascii)
    {
        if (token(key) != JsonCursor.STRING || length(key) != ascii.length)
        {
            return false;
        }
        for (int i = 0; i < ascii.length; i++)
        {
            if (RangeBytes.get(buffer, offset(key) + i) != ascii[i])
            {
                return false;
            }
        }
        return true;
    }

    /** @return true if the field is a decimal string (or number) read into {@code result}, non-negative. */
    boolean decimal(final char key, final MutableDecimal result)
    {
        final int type = token(key);
        return (type == JsonCursor.STRING || type == JsonCursor.NUMBER) &&
            AsciiDecimal.parse(buffer, offset(key), length(key), result) == DecimalError.NONE &&
            result.mantissa() >= 0;
    }

    /** @return the field as a non-negative integer ({@link VenueIds}), or {@link VenueIds#INVALID}. */
    long id(final char key)
    {
        return token(key) == JsonCursor.NUMBER ? VenueIds.parse(buffer, offset(key), length(key)) : VenueIds.INVALID;
    }

    /** @return the millisecond field as epoch nanos, or -1 if absent or not a plausible time. */
    long millisAsNanos(final char key)
    {
        final long millis = id(key);
        return millis < 0 || millis > MAX_TIME_MS ? -1 : millis * NANOS_PER_MILLI;
    }

    /** @return 1 for true, 0 for false, -1 otherwise. */
    int flag(final char key)
    {
        final int type = token(key);
        return type == JsonCursor.TRUE ? 1 : type == JsonCursor.FALSE ? 0 : -1;
    }

    /**
     * Reads {@code ["p","q"]} pairs after an array's opening bracket, through its closing one. A pair that is not one
     * marks the levels invalid and skips the rest of the array.
     *
     * @return false only if the JSON itself is malformed.
     */
    private boolean readLevels(final Side side)
    {
        final int arrayDepth = cursor.depth();
        while (true)
        {
            final int token = cursor.next();
            if (token == JsonCursor.END_ARRAY && cursor.depth() < arrayDepth)
            {
                return true;
            }
            if (token != JsonCursor.BEGIN_ARRAY || !readLevelDecimal(levelPrice) || !readLevelDecimal(levelSize) ||
                cursor.next() != JsonCursor.END_ARRAY)
            {
                levelsValid = false;
                while (cursor.depth() >= arrayDepth)
                {
                    final int skipped = cursor.next();
                    if (skipped == JsonCursor.ERROR || skipped == JsonCursor.END)
                    {
                        return false;
                    }
                }
                return cursor.token() != JsonCursor.ERROR;
            }
            levels.add(side, levelPrice.mantissa(), levelPrice.exponent(), levelSize.mantissa(), levelSize.exponent());
        }
    }

    private boolean readLevelDecimal(final MutableDecimal result)
    {
        final int token = cursor.next();
        return (token == JsonCursor.STRING || token == JsonCursor.NUMBER) &&
            AsciiDecimal.parse(cursor.buffer(), cursor.tokenOffset(), cursor.tokenLength(), result) ==
            DecimalError.NONE && result.mantissa() >= 0;
    }

    /** Reads the fields of the object just opened into the table at {@code base}; the top level descends. */
    private boolean readObject(final int base, final boolean topLevel)
    {
        while (true)
        {
            final int nameToken = cursor.next();
            if (nameToken == JsonCursor.END_OBJECT)
            {
                return true;
            }
            if (nameToken != JsonCursor.FIELD_NAME)
            {
                return false;
            }
            final int key = key(cursor.buffer(), cursor.tokenOffset(), cursor.tokenLength(), base);
            final boolean data = topLevel && key < 0 && isData(cursor.buffer(), cursor.tokenOffset(),
                cursor.tokenLength());
            if (topLevel && key < 0 && isCode(cursor.buffer(), cursor.tokenOffset(), cursor.tokenLength()))
            {
                venueError = true;
            }
            final int value = cursor.next();
            if (value != JsonCursor.BEGIN_OBJECT && value != JsonCursor.BEGIN_ARRAY && value < JsonCursor.STRING)
            {
                return false;
            }
            if (value == JsonCursor.BEGIN_OBJECT && (data || (base == 0 && key == 'k')))
            {
                if (!readObject(data ? 0 : KEYS, false))
                {
                    return false;
                }
                continue;
            }
            final int start = cursor.tokenOffset();
            final int valueLength = cursor.tokenLength();
            if (value == JsonCursor.BEGIN_ARRAY && base == 0 && (key == 'b' || key == 'a'))
            {
                if (!readLevels(key == 'b' ? Side.BUY : Side.SELL))
                {
                    return false;
                }
            }
            else if ((value == JsonCursor.BEGIN_OBJECT || value == JsonCursor.BEGIN_ARRAY) && !cursor.skipValue())
            {
                return false;
            }
            record(base, key, value, start,
                value >= JsonCursor.STRING ? valueLength : cursor.tokenOffset() + 1 - start);
        }
    }

    private static boolean nameEquals(
        final DirectBuffer buffer, final int nameOffset, final int nameLength, final byte[] ascii)
    {
        if (nameLength != ascii.length)
        {
            return false;
        }
        for (int i = 0; i < ascii.length; i++)
        {
            if (RangeBytes.get(buffer, nameOffset + i) != ascii[i])
            {
                return false;
            }
        }
        return true;
    }
}
