package zvt.crypto.feed.test;

import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.json.JsonCursor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Turns a recorded venue frame into a hostile variant of it, one {@link Mutation} at a time. Structural mutations
 * act on the frame's own JSON values (found once per seed by {@link #index}), so a mutated frame is still mostly the
 * venue's message and gets past the tokenizer into the decoders' field checks.
 * <p>
 * The result is written into one reused buffer ({@link #buffer()}), valid until the next call: nothing is allocated
 * per mutation. Not thread-safe.
 */
public final class FrameMutator
{
    /** What a mutation does to a seed frame. */
    public enum Mutation
    {
        /** The recorded frame unchanged: keeps ids rising and books in sync, so later mutations hit live state. */
        ORIGINAL,
        /** Zero bytes. */
        EMPTY,
        /** Cut at a random point. */
        TRUNCATE,
        /** One to four bytes replaced by a random or JSON-structural byte, or one bit flipped. */
        FLIP_BYTES,
        /** One to eight random or JSON-structural bytes inserted at a random point. */
        INSERT_BYTES,
        /** One to sixteen bytes deleted at a random point. */
        DELETE_BYTES,
        /** A scalar value replaced by a number beyond every parser's range: 30+ digits, 1e400, -0, 2^63... */
        HUGE_NUMBER,
        /** A value replaced by a 19- or 20-digit integer around {@link Long#MAX_VALUE}, as a number or a string. */
        LONG_ID,
        /** A value replaced by 64 to 10,000 nested arrays or objects, closed or not. */
        DEEP_NESTING,
        /** A value replaced by one of another JSON type: string, number, object, array, null, boolean. */
        WRONG_TYPE,
        /** An array or object value replaced by {@code []} or {@code {}}. */
        EMPTY_CONTAINER,
        /** A {@code "key":value} pair repeated after itself, with the same or a hostile value. */
        DUPLICATE_KEY,
        /** Bytes that are not UTF-8 put into a string value or anywhere in the frame. */
        NON_UTF8
    }

    private static final Mutation[] MUTATIONS = Mutation.values();
    private static final Mutation[] BYTE_LEVEL =
        {Mutation.TRUNCATE, Mutation.FLIP_BYTES, Mutation.INSERT_BYTES, Mutation.DELETE_BYTES};
    private static final int MAX_NESTING = 10_000;
    private static final byte[] EMPTY_ARRAY = ascii("[]");
    private static final byte[] EMPTY_OBJECT = ascii("{}");
    private static final byte[] NEST_OBJECT = ascii("{\"k\":");

    private static final byte[] STRUCTURAL = ascii("\"{}[],:\\-.eE+0123456789 tfn");
    private static final byte[][] HUGE_NUMBERS = ascii(
        "123456789012345678901234567890", "-123456789012345678901234567890123", "1e400", "-1e400", "1E-400",
        "1e18", "1e19", "-0", "-0.0", "0e0", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "0.000000000000000000000000000001",
        "1.000000000000000000000000000001", "99999999999999999999.99999999999999999999", "1" + "0".repeat(400),
        "0.1e-2147483648", "1e2147483648", "1e-", "--1", "1..0", "+1", ".5", "0x1F", "NaN", "Infinity");
    private static final byte[][] IDS = ascii(
        "9223372036854775807", "9223372036854775808", "9223372036854775806", "9999999999999999999",
        "1000000000000000000", "999999999999999999", "10000000000000000000", "18446744073709551615",
        "99999999999999999999", "0009223372036854775807", "0000000000000000001", "-1", "-9223372036854775808", "0");
    private static final byte[][] OTHER_TYPES = ascii(
        "\"\"", "\"x\"", "\"1.5\"", "\"true\"", "0", "-1", "1.5", "{}", "[]", "null", "true", "false",
        "{\"a\":1}", "[1,2]", "[[\"1\",\"2\"]]", "[[]]", "[null]", "{\"e\":\"trade\"}");
    private static final byte[][] NOT_UTF8 = {
        {(byte)0xFF}, {(byte)0x80}, {(byte)0xC0, (byte)0x80}, {(byte)0xC3}, {(byte)0xED, (byte)0xA0, (byte)0x80},
        {(byte)0xF4, (byte)0x90, (byte)0x80, (byte)0x80}, {(byte)0xF8, (byte)0x88, (byte)0x80, (byte)0x80, (byte)0x80},
        {(byte)0xFE, (byte)0xFF}, {0}, {'\\', 'u', 'D', '8', '0', '0'}, {'\\'}};

    private static final int SCALAR = 0;
    private static final int CONTAINER = 1;

    private final SplittableRandom random;
    private final byte[] scratch = new byte[24];
    private byte[] out = new byte[1 << 16];
    private final UnsafeBuffer buffer = new UnsafeBuffer(out);
    private final JsonCursor cursor = new JsonCursor();
    private final UnsafeBuffer seedView = new UnsafeBuffer(0, 0);

    public FrameMutator(final SplittableRandom random)
    {
        this.random = random;
    }

    /** A recorded frame and where its JSON values are; build once per seed, mutate many times. */
    public static final class Seed
    {
        final byte[] frame;
        final int[] valueStart;
        final int[] valueEnd;
        final int[] pairStart;
        final int[] kind;
        final int values;

        Seed(final byte[] frame, final int[] valueStart, final int[] valueEnd, final int[] pairStart, final int[] kind,
            final int values)
        {
            this.frame = frame;
            this.valueStart = valueStart;
            this.valueEnd = valueEnd;
            this.pairStart = pairStart;
            this.kind = kind;
            this.values = values;
        }

        public byte[] frame()
        {
            return frame;
        }
    }

    /** Finds the values of {@code frame} (scalars with their quotes, containers bracket to bracket). */
    public Seed index(final byte[] frame)
    {
        final int capacity = frame.length / 2 + 2;
        final int[] valueStart = new int[capacity];
        final int[] valueEnd = new int[capacity];
        final int[] pairStart = new int[capacity];
        final int[] kind = new int[capacity];
        final int[] openStart = new int[64];
        final int[] openPair = new int[64];
        int values = 0;
        int depth = 0;
        int nameStart = -1;
        seedView.wrap(frame);
        cursor.wrap(seedView, 0, frame.length);
        for (int token = cursor.next(); token != JsonCursor.END && token != JsonCursor.ERROR; token = cursor.next())
        {
            final int start = cursor.tokenOffset() - (token == JsonCursor.STRING || token == JsonCursor.FIELD_NAME ? 1 : 0);
            if (token == JsonCursor.FIELD_NAME)
            {
                nameStart = start;
                continue;
            }
            if (token == JsonCursor.BEGIN_OBJECT || token == JsonCursor.BEGIN_ARRAY)
            {
                openStart[depth] = start;
                openPair[depth++] = nameStart;
                nameStart = -1;
                continue;
            }
            final boolean close = token == JsonCursor.END_OBJECT || token == JsonCursor.END_ARRAY;
            if (close && --depth == 0)
            {
                continue; // the frame itself is not a value to replace
            }
            final int end = cursor.tokenOffset() + cursor.tokenLength() + (token == JsonCursor.STRING ? 1 : 0);
            valueStart[values] = close ? openStart[depth] : start;
            valueEnd[values] = end;
            pairStart[values] = close ? openPair[depth] : nameStart;
            kind[values++] = close ? CONTAINER : SCALAR;
            nameStart = -1;
        }
        return new Seed(frame, valueStart, valueEnd, pairStart, kind, values);
    }

    /** A mutation drawn uniformly from every {@link Mutation}. */
    public Mutation pick()
    {
        return MUTATIONS[random.nextInt(MUTATIONS.length)];
    }

    /**
     * Writes {@code mutation} of {@code seed} into {@link #buffer()}; one time in eight a byte-level mutation is
     * stacked on top.
     *
     * @return the length of the mutated frame.
     */
    public int mutate(final Seed seed, final Mutation mutation)
    {
        ensureCapacity(seed.frame.length + 6 * MAX_NESTING + 64);
        int length = structural(seed, mutation);
        if (mutation != Mutation.ORIGINAL && length > 0 && random.nextInt(8) == 0)
        {
            length = byteLevel(BYTE_LEVEL[random.nextInt(BYTE_LEVEL.length)], length);
        }
        return length;
    }

    /** The last mutated frame, from offset 0. */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    private int structural(final Seed seed, final Mutation mutation)
    {
        final byte[] frame = seed.frame;
        return switch (mutation)
        {
            case EMPTY -> 0;
            case ORIGINAL ->
            {
                System.arraycopy(frame, 0, out, 0, frame.length);
                yield frame.length;
            }
            case TRUNCATE, FLIP_BYTES, INSERT_BYTES, DELETE_BYTES ->
            {
                System.arraycopy(frame, 0, out, 0, frame.length);
                yield byteLevel(mutation, frame.length);
            }
            case HUGE_NUMBER ->
            {
                final byte[] number = HUGE_NUMBERS[random.nextInt(HUGE_NUMBERS.length)];
                yield replace(seed, pickValue(seed, SCALAR), number, number.length, random.nextBoolean());
            }
            case LONG_ID -> replace(seed, pickValue(seed, SCALAR), scratch, longId(), random.nextInt(4) == 0);
            case DEEP_NESTING -> nest(seed, pickValue(seed, -1));
            case WRONG_TYPE ->
            {
                final byte[] other = OTHER_TYPES[random.nextInt(OTHER_TYPES.length)];
                yield replace(seed, pickValue(seed, -1), other, other.length, false);
            }
            case EMPTY_CONTAINER ->
                replace(seed, pickValue(seed, CONTAINER), random.nextBoolean() ? EMPTY_ARRAY : EMPTY_OBJECT, 2, false);
            case DUPLICATE_KEY -> duplicate(seed);
            case NON_UTF8 -> notUtf8(seed);
        };
    }

    /** Truncation, flips, insertions and deletions on {@code out[0, length)} in place. */
    private int byteLevel(final Mutation mutation, final int length)
    {
        switch (mutation)
        {
            case TRUNCATE:
                return length == 0 ? 0 : random.nextInt(length);
            case FLIP_BYTES:
                for (int i = 1 + random.nextInt(4); i > 0 && length > 0; i--)
                {
                    final int at = random.nextInt(length);
                    out[at] = random.nextBoolean() ? (byte)(out[at] ^ (1 << random.nextInt(8))) : hostileByte();
                }
                return length;
            case INSERT_BYTES:
            {
                final int count = 1 + random.nextInt(8);
                final int at = random.nextInt(length + 1);
                System.arraycopy(out, at, out, at + count, length - at);
                for (int i = 0; i < count; i++)
                {
                    out[at + i] = hostileByte();
                }
                return length + count;
            }
            case DELETE_BYTES:
            {
                if (length == 0)
                {
                    return 0;
                }
                final int at = random.nextInt(length);
                final int count = Math.min(1 + random.nextInt(16), length - at);
                System.arraycopy(out, at + count, out, at, length - at - count);
                return length - count;
            }
            default:
                throw new IllegalArgumentException("not a byte-level mutation: " + mutation);
        }
    }

    private byte hostileByte()
    {
        return random.nextBoolean() ? STRUCTURAL[random.nextInt(STRUCTURAL.length)] : (byte)random.nextInt(256);
    }

    /** A random value of {@code kind} (any kind if -1, or if the seed has none of that kind), -1 if no values. */
    private int pickValue(final Seed seed, final int kind)
    {
        if (seed.values == 0)
        {
            return -1;
        }
        int value = random.nextInt(seed.values);
        for (int tries = 0; kind >= 0 && seed.kind[value] != kind && tries < 8; tries++)
        {
            value = random.nextInt(seed.values);
        }
        return value;
    }

    /** The seed with value {@code value} (or, without values, a random point) replaced by {@code with}. */
    private int replace(
        final Seed seed, final int value, final byte[] with, final int withLength, final boolean quoted)
    {
        final byte[] frame = seed.frame;
        final int start = value < 0 ? random.nextInt(frame.length + 1) : seed.valueStart[value];
        final int end = value < 0 ? start : seed.valueEnd[value];
        System.arraycopy(frame, 0, out, 0, start);
        int at = start;
        if (quoted)
        {
            out[at++] = '"';
        }
        System.arraycopy(with, 0, out, at, withLength);
        at += withLength;
        if (quoted)
        {
            out[at++] = '"';
        }
        System.arraycopy(frame, end, out, at, frame.length - end);
        return at + frame.length - end;
    }

    /** Writes a 19- or 20-digit id (or a neighbour of one) into {@link #scratch}; returns its length. */
    private int longId()
    {
        if (random.nextBoolean())
        {
            final byte[] id = IDS[random.nextInt(IDS.length)];
            System.arraycopy(id, 0, scratch, 0, id.length);
            return id.length;
        }
        final int digits = 19 + random.nextInt(2);
        scratch[0] = (byte)('1' + random.nextInt(9));
        for (int i = 1; i < digits; i++)
        {
            scratch[i] = (byte)('0' + random.nextInt(10));
        }
        return digits;
    }

    private int nest(final Seed seed, final int value)
    {
        final byte[] frame = seed.frame;
        final int start = value < 0 ? random.nextInt(frame.length + 1) : seed.valueStart[value];
        final int end = value < 0 ? start : seed.valueEnd[value];
        final int depth = random.nextBoolean() ? MAX_NESTING : 62 + random.nextInt(4);
        final boolean objects = random.nextBoolean();
        final boolean closed = random.nextBoolean();
        System.arraycopy(frame, 0, out, 0, start);
        int at = start;
        for (int i = 0; i < depth; i++)
        {
            if (objects)
            {
                System.arraycopy(NEST_OBJECT, 0, out, at, NEST_OBJECT.length);
                at += NEST_OBJECT.length;
            }
            else
            {
                out[at++] = '[';
            }
        }
        out[at++] = '1';
        if (closed)
        {
            Arrays.fill(out, at, at + depth, objects ? (byte)'}' : (byte)']');
            at += depth;
        }
        System.arraycopy(frame, end, out, at, frame.length - end);
        return at + frame.length - end;
    }

    private int duplicate(final Seed seed)
    {
        final byte[] frame = seed.frame;
        int value = pickValue(seed, -1);
        for (int tries = 0; value >= 0 && seed.pairStart[value] < 0 && tries < 8; tries++)
        {
            value = pickValue(seed, -1);
        }
        if (value < 0 || seed.pairStart[value] < 0)
        {
            System.arraycopy(frame, 0, out, 0, frame.length);
            return frame.length;
        }
        final int pairStart = seed.pairStart[value];
        final int valueStart = seed.valueStart[value];
        final int end = seed.valueEnd[value];
        System.arraycopy(frame, 0, out, 0, end);
        int at = end;
        out[at++] = ',';
        System.arraycopy(frame, pairStart, out, at, valueStart - pairStart);
        at += valueStart - pairStart;
        final byte[] with = random.nextBoolean() ? null : OTHER_TYPES[random.nextInt(OTHER_TYPES.length)];
        if (with == null)
        {
            System.arraycopy(frame, valueStart, out, at, end - valueStart);
            at += end - valueStart;
        }
        else
        {
            System.arraycopy(with, 0, out, at, with.length);
            at += with.length;
        }
        System.arraycopy(frame, end, out, at, frame.length - end);
        return at + frame.length - end;
    }

    private int notUtf8(final Seed seed)
    {
        final byte[] frame = seed.frame;
        final byte[] bytes = NOT_UTF8[random.nextInt(NOT_UTF8.length)];
        final int value = pickValue(seed, SCALAR);
        final boolean inString = value >= 0 && frame[seed.valueStart[value]] == '"' && random.nextInt(4) != 0;
        final int at = inString ? seed.valueStart[value] + 1 + random.nextInt(seed.valueEnd[value] -
            seed.valueStart[value] - 1) : random.nextInt(frame.length + 1);
        System.arraycopy(frame, 0, out, 0, at);
        System.arraycopy(bytes, 0, out, at, bytes.length);
        System.arraycopy(frame, at, out, at + bytes.length, frame.length - at);
        return frame.length + bytes.length;
    }

    private void ensureCapacity(final int capacity)
    {
        if (out.length < capacity)
        {
            out = Arrays.copyOf(out, Math.max(capacity, out.length * 2));
            buffer.wrap(out);
        }
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] ascii(final String... texts)
    {
        final byte[][] bytes = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++)
        {
            bytes[i] = ascii(texts[i]);
        }
        return bytes;
    }
}
