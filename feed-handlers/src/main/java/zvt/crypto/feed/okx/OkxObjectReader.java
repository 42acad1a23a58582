package zvt.crypto.feed.okx;

import zvt.crypto.core.json.JsonCursor;

/**
 * The walk every OKX data object shares: each field name is mapped to a number ({@link #field}, 0 for a field the
 * reader does not read, which is skipped), a known field holding an object or array where the reader wants a scalar
 * is recorded as {@link OkxDecodeError#BAD_DATA}, and the bits of the fields seen ({@code 1 << field}) go to
 * {@link #end} for the reader's required-field check. Not thread-safe.
 */
abstract class OkxObjectReader
{
    protected final OkxValues values;

    OkxObjectReader(final OkxValues values)
    {
        this.values = values;
    }

    /** Reads the object the cursor just opened; @return false if the JSON is malformed. */
    final boolean read(final JsonCursor c)
    {
        begin();
        int found = 0;
        while (true)
        {
            final int name = c.next();
            if (name == JsonCursor.END_OBJECT)
            {
                break;
            }
            if (name != JsonCursor.FIELD_NAME)
            {
                return false;
            }
            final int field = field(c);
            final int token = c.next();
            if (!OkxValues.isValue(token))
            {
                return false;
            }
            if (field == 0)
            {
                if (!c.skipValue())
                {
                    return false;
                }
                continue;
            }
            found |= 1 << field;
            if (OkxValues.isContainer(token) && !takesContainer(field))
            {
                values.error(OkxDecodeError.BAD_DATA);
                if (!c.skipValue())
                {
                    return false;
                }
            }
            else if (!value(field, c, token))
            {
                return false;
            }
        }
        end(found);
        return true;
    }

    /** Before the object's first field. */
    void begin()
    {
    }

    /** The number (1 to 30) of the field name at the cursor, 0 if the reader does not read it. */
    abstract int field(JsonCursor c);

    /** True if the field's value is an object or array the reader reads. */
    boolean takesContainer(final int field)
    {
        return false;
    }

    /** Reads the value that starts with {@code token} through its end; @return false if the JSON is malformed. */
    abstract boolean value(int field, JsonCursor c, int token);

    /** After the closing brace, with a bit {@code 1 << field} set for every field seen. */
    abstract void end(int found);
}
