package zvt.crypto.feed.coinbase;

import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.publish.FeedPublisher;

/**
 * Reads one event of an Advanced Trade data channel ({@code {"type":"snapshot"|"update", <list>:[{...},...]}}) and
 * publishes what it carries. The event's items are read one by one from the cursor; a subclass validates each and
 * publishes when it is sure (per item, or once the list is complete when order matters). The first malformed item
 * stops the frame: it is rejected, and nothing more of it is published.
 * <p>
 * Not thread-safe: one per decoder.
 */
abstract class CoinbaseEventReader
{
    static final byte[] TYPE = CoinbaseFields.ascii("type");
    static final byte[] PRODUCT_ID = CoinbaseFields.ascii("product_id");

    final FeedPublisher publisher;
    private final byte[] listName;

    CoinbaseEventReader(final FeedPublisher publisher, final String listName)
    {
        this.publisher = publisher;
        this.listName = CoinbaseFields.ascii(listName);
    }

    /**
     * Reads the event object just opened at the cursor, through its closing brace.
     *
     * @param timestampNanos the envelope's {@code timestamp}, or {@link CoinbaseTime#INVALID} if it had none.
     * @param sequence       the envelope's {@code sequence_num}, or -1 if it had none.
     * @return null if it was read (and published), else why the frame is rejected.
     */
    final CoinbaseDecodeError readEvent(final JsonCursor cursor, final long timestampNanos, final long sequence)
    {
        begin(timestampNanos, sequence);
        while (true)
        {
            final int name = cursor.next();
            if (name == JsonCursor.END_OBJECT)
            {
                return end();
            }
            if (name != JsonCursor.FIELD_NAME)
            {
                return CoinbaseDecodeError.MALFORMED_JSON;
            }
            final boolean list = cursor.tokenEquals(listName);
            final boolean type = cursor.tokenEquals(TYPE);
            final boolean product = cursor.tokenEquals(PRODUCT_ID);
            final int value = cursor.next();
            if (list && value == JsonCursor.BEGIN_ARRAY)
            {
                final CoinbaseDecodeError error = readList(cursor);
                if (error != null)
                {
                    return error;
                }
            }
            else if (list)
            {
                return CoinbaseFields.isValue(value) ? CoinbaseDecodeError.BAD_EVENTS :
                    CoinbaseDecodeError.MALFORMED_JSON;
            }
            else if (type && value == JsonCursor.STRING)
            {
                onType(cursor);
            }
            else if (product && value == JsonCursor.STRING)
            {
                onProduct(cursor);
            }
            else if (!CoinbaseFields.isValue(value) || !cursor.skipValue())
            {
                return CoinbaseDecodeError.MALFORMED_JSON;
            }
        }
    }

    /** Reads the items of the list just opened, through its closing bracket. */
    CoinbaseDecodeError readList(final JsonCursor cursor)
    {
        while (true)
        {
            final int token = cursor.next();
            if (token == JsonCursor.END_ARRAY)
            {
                return null;
            }
            if (token != JsonCursor.BEGIN_OBJECT)
            {
                return CoinbaseFields.isValue(token) ? CoinbaseDecodeError.BAD_EVENTS :
                    CoinbaseDecodeError.MALFORMED_JSON;
            }
            final CoinbaseDecodeError error = readItem(cursor);
            if (error != null)
            {
                return error;
            }
        }
    }

    /** A new event starts. */
    abstract void begin(long timestampNanos, long sequence);

    /** Reads the item object just opened at the cursor, through its closing brace. */
    abstract CoinbaseDecodeError readItem(JsonCursor cursor);

    /** The event's {@code type} string is at the cursor. */
    void onType(final JsonCursor cursor)
    {
    }

    /** The event's own {@code product_id} string is at the cursor. */
    void onProduct(final JsonCursor cursor)
    {
    }

    /** The event is complete: publish what is still held. */
    abstract CoinbaseDecodeError end();
}
