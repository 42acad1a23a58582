package zvt.crypto.feed.bybit;

import org.agrona.DirectBuffer;
import zvt.crypto.core.json.RangeBytes;
import zvt.crypto.core.json.JsonCursor;

import java.nio.charset.StandardCharsets;

/**
 * The top level of a Bybit v5 public frame, read in one pass without copying: where {@code topic}, {@code type},
 * {@code ts}, {@code cs}, {@code op} and {@code success} are, and the extent of {@code data}. When the topic comes
 * before {@code data} (every capture has it first) the {@link DataReader} reads the data in the same pass;
 * otherwise the data is skipped here and read once the topic is known. Bybit's key order differs by category (spot
 * writes {@code ts} before {@code type}, linear puts {@code data} before {@code ts}), so nothing depends on it.
 * <p>
 * Not thread-safe: one per decoder.
 */
final class BybitEnvelope
{
    static final int ABSENT = JsonCursor.END;
    static final long NANOS_PER_MILLI = 1_000_000L;
    static final long MAX_TIME_MS = Long.MAX_VALUE / NANOS_PER_MILLI;

    private static final byte[] TOPIC = ascii("topic");
    private static final byte[] TYPE = ascii("type");
    private static final byte[] TS = ascii("ts");
    private static final byte[] CS = ascii("cs");
    private static final byte[] DATA = ascii("data");
    private static final byte[] OP = ascii("op");
    private static final byte[] SUCCESS = ascii("success");
    private static final byte[] SNAPSHOT = ascii("snapshot");
    private static final byte[] DELTA = ascii("delta");

    /** Reads {@code data} in the envelope's own pass when the topic came first (as it does in every capture). */
    interface DataReader
    {
        int SKIPPED = 0;
        int READ = 1;
        int FAILED = -1;

        /**
         * The {@code data} value starts with {@code token} (just returned by {@code cursor}); the topic is known.
         *
         * @return {@link #READ} if it was read through its last token, {@link #SKIPPED} to leave it to the envelope,
         * {@link #FAILED} if it was not valid (the frame is rejected; parsing stops).
         */
        int onData(JsonCursor cursor, int token);
    }

    private final JsonCursor cursor = new JsonCursor();
    private final DataReader reader;
    private DirectBuffer buffer;
    private int topicOffset;
    private int topicLength;
    private int topicToken;
    private int typeToken;
    private int typeOffset;
    private int typeLength;
    private int tsToken;
    private int tsOffset;
    private int tsLength;
    private int csToken;
    private int csOffset;
    private int csLength;
    private int dataToken;
    private int dataOffset;
    private int dataLength;
    private boolean hasOp;
    private int successToken;

    BybitEnvelope(final DataReader reader)
    {
        this.reader = reader;
    }

    /** @return false if the frame is not one well-formed JSON object, or its data was read and failed. */
    boolean parse(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        topicToken = ABSENT;
        typeToken = ABSENT;
        tsToken = ABSENT;
        csToken = ABSENT;
        dataToken = ABSENT;
        successToken = ABSENT;
        hasOp = false;
        cursor.wrap(buffer, offset, length);
        if (cursor.next() != JsonCursor.BEGIN_OBJECT)
        {
            return false;
        }
        while (true)
        {
            final int name = cursor.next();
            if (name == JsonCursor.END_OBJECT)
            {
                return cursor.next() == JsonCursor.END;
            }
            if (name != JsonCursor.FIELD_NAME)
            {
                return false;
            }
            final int field = field();
            final int value = cursor.next();
            if (value != JsonCursor.BEGIN_OBJECT && value != JsonCursor.BEGIN_ARRAY && value < JsonCursor.STRING)
            {
                return false;
            }
            final int start = cursor.tokenOffset();
            final int valueLength = cursor.tokenLength();
            final int read = field == 5 && topicToken == JsonCursor.STRING ? reader.onData(cursor, value) :
                DataReader.SKIPPED;
            if (read == DataReader.FAILED)
            {
                return false;
            }
            if (read == DataReader.SKIPPED &&
                (value == JsonCursor.BEGIN_OBJECT || value == JsonCursor.BEGIN_ARRAY) && !cursor.skipValue())
            {
                return false;
            }
            switch (field)
            {
                case 1 ->
                {
                    topicToken = value;
                    topicOffset = start;
                    topicLength = valueLength;
                }
                case 2 ->
                {
                    typeToken = value;
                    typeOffset = start;
                    typeLength = valueLength;
                }
                case 3 ->
                {
                    tsToken = value;
                    tsOffset = start;
                    tsLength = valueLength;
                }
                case 4 ->
                {
                    csToken = value;
                    csOffset = start;
                    csLength = valueLength;
                }
                case 5 ->
                {
                    dataToken = value;
                    dataOffset = start;
                    dataLength = value >= JsonCursor.STRING ? valueLength : cursor.tokenOffset() + 1 - start;
                }
                case 6 -> hasOp = true;
                case 7 -> successToken = value;
                default ->
                {
                }
            }
        }
    }

    DirectBuffer buffer()
    {
        return buffer;
    }

    /** True if the frame names a topic (a string); false for control replies. */
    boolean hasTopic()
    {
        return topicToken == JsonCursor.STRING;
    }

    int topicOffset()
    {
        return topicOffset;
    }

    int topicLength()
    {
        return topicLength;
    }

    /** A reply to a request ({@code op}: subscribe, ping, ...). */
    boolean isControl()
    {
        return hasOp;
    }

    /** A reply with {@code "success":false}. */
    boolean isFailure()
    {
        return successToken == JsonCursor.FALSE;
    }

    /** @return 1 for {@code snapshot}, 0 for {@code delta}, -1 for anything else or absent. */
    int snapshot()
    {
        if (typeToken != JsonCursor.STRING)
        {
            return -1;
        }
        return equals(typeOffset, typeLength, SNAPSHOT) ? 1 : equals(typeOffset, typeLength, DELTA) ? 0 : -1;
    }

    /** @return {@code ts} as epoch nanos, or -1 if absent or not a plausible millisecond time. */
    long timeNanos()
    {
        return tsToken == JsonCursor.NUMBER ? millisAsNanos(buffer, tsOffset, tsLength) : -1;
    }

    boolean tsAbsent()
    {
        return tsToken == ABSENT;
    }

    boolean typeAbsent()
    {
        return typeToken == ABSENT;
    }

    /** True if the frame has a {@code cs} field. */
    boolean hasCrossSequence()
    {
        return csToken != ABSENT;
    }

    /** @return {@code cs} (tickers' cross sequence), or -1 if it is not a non-negative integer. */
    long crossSequence()
    {
        return csToken == JsonCursor.NUMBER ? digits(buffer, csOffset, csLength) : -1;
    }

    int dataToken()
    {
        return dataToken;
    }

    int dataOffset()
    {
        return dataOffset;
    }

    int dataLength()
    {
        return dataLength;
    }

    /** @return the millisecond number as epoch nanos, or -1. */
    static long millisAsNanos(final DirectBuffer buffer, final int offset, final int length)
    {
        final long millis = digits(buffer, offset, length);
        return millis < 0 || millis > MAX_TIME_MS ? -1 : millis * NANOS_PER_MILLI;
    }

    /** @return the non-negative integer spelled by 1 to 18 plain digits, or -1. */
    static long digits(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0 || length > 18)
        {
            return -1;
        }
        buffer.boundsCheck(offset, length);
        long value = 0;
        for (int i = offset; i < offset + length; i++)
        {
            final int digit = RangeBytes.get(buffer, i) - '0';
            if (digit < 0 || digit > 9)
            {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private boolean equals(final int offset, final int length, final byte[] ascii)
    {
        if (length != ascii.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != ascii[i])
            {
                return false;
            }
        }
        return true;
    }

    /** The field just read: 1 topic, 2 type, 3 ts, 4 cs, 5 data, 6 op, 7 success, 0 another. */
    private int field()
    {
        return cursor.tokenEquals(TOPIC) ? 1 : cursor.tokenEquals(TYPE) ? 2 : cursor.tokenEquals(TS) ? 3 :
            cursor.tokenEquals(CS) ? 4 : cursor.tokenEquals(DATA) ? 5 : cursor.tokenEquals(OP) ? 6 :
            cursor.tokenEquals(SUCCESS) ? 7 : 0;
    }
}
