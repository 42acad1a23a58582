package zvt.crypto.core.json;

import org.agrona.MutableDirectBuffer;
import zvt.crypto.core.decimal.AsciiDecimal;

/**
 * Appends JSON tokens to a buffer without allocating. The caller owns the structure (braces, commas); this class
 * only spells values. Reused: {@link #wrap} it around a buffer for each message.
 */
public final class JsonWriter
{
    private MutableDirectBuffer buffer;
    private int position;
    private boolean needsComma;

    public JsonWriter wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.position = offset;
        this.needsComma = false;
        return this;
    }

    public int position()
    {
        return position;
    }

    public JsonWriter beginObject()
    {
        comma();
        putByte('{');
        needsComma = false;
        return this;
    }

    public JsonWriter endObject()
    {
        putByte('}');
        needsComma = true;
        return this;
    }

    public JsonWriter beginArray(final String name)
    {
        name(name);
        putByte('[');
        needsComma = false;
        return this;
    }

    public JsonWriter beginArray()
    {
        comma();
        putByte('[');
        needsComma = false;
        return this;
    }

    public JsonWriter endArray()
    {
        putByte(']');
        needsComma = true;
        return this;
    }

    public JsonWriter field(final String name, final CharSequence value)
    {
        name(name);
        return quoted(value);
    }

    public JsonWriter field(final String name, final long value)
    {
        name(name);
        position += buffer.putLongAscii(position, value);
        needsComma = true;
        return this;
    }

    public JsonWriter field(final String name, final boolean value)
    {
        name(name);
        position += buffer.putStringWithoutLengthAscii(position, value ? "true" : "false");
        needsComma = true;
        return this;
    }

    /** A field whose value the source did not give (e.g. a venue candle without a trade count). */
    public JsonWriter nullField(final String name)
    {
        name(name);
        position += buffer.putStringWithoutLengthAscii(position, "null");
        needsComma = true;
        return this;
    }

    /** A decimal as a JSON string, the way venues send prices: exact, with its scale. */
    public JsonWriter decimalField(final String name, final long mantissa, final int exponent)
    {
        name(name);
        return decimal(mantissa, exponent);
    }

    public JsonWriter decimal(final long mantissa, final int exponent)
    {
        comma();
        putByte('"');
        buffer.checkLimit(position + AsciiDecimal.MAX_RENDERED_LENGTH + 1);
        position += AsciiDecimal.render(mantissa, exponent, buffer, position);
        putByte('"');
        needsComma = true;
        return this;
    }

    /** A string value; the text must not need escaping (symbols, enum names, venue ids). */
    public JsonWriter quoted(final CharSequence value)
    {
        comma();
        putByte('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\')
            {
                putByte('\\');
            }
            putByte(c < 0x20 || c > 0x7E ? '?' : c);
        }
        putByte('"');
        needsComma = true;
        return this;
    }

    private void name(final String name)
    {
        comma();
        putByte('"');
        position += buffer.putStringWithoutLengthAscii(position, name);
        putByte('"');
        putByte(':');
        needsComma = false;
    }

    private void comma()
    {
        if (needsComma)
        {
            putByte(',');
        }
    }

    private void putByte(final int b)
    {
        buffer.putByte(position++, (byte)b);
    }
}
