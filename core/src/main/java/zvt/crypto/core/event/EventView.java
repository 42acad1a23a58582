package zvt.crypto.core.event;

import org.agrona.DirectBuffer;
import zvt.crypto.core.codec.MessageHeaderDecoder;
import zvt.crypto.core.codec.Venue;

import java.nio.ByteOrder;

/**
 * Reads the common prefix every message of the schema starts with (receive time, exchange time, instrument id,
 * venue) without knowing the template, so filters and routers need no per-type dispatch. The schema keeps these
 * four fields first in every message; a test holds the generated offsets to the constants here.
 */
public final class EventView
{
    public static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    public static final int RECEIVE_TIME_OFFSET = 0;
    public static final int EXCHANGE_TIME_OFFSET = 8;
    public static final int INSTRUMENT_ID_OFFSET = 16;
    public static final int VENUE_OFFSET = 20;
    /** Shortest valid event: header plus the common prefix. */
    public static final int MIN_LENGTH = HEADER_LENGTH + VENUE_OFFSET + 1;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private EventView()
    {
    }

    public static int templateId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), ORDER) & 0xFFFF;
    }

    public static int schemaId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + MessageHeaderDecoder.schemaIdEncodingOffset(), ORDER) & 0xFFFF;
    }

    public static long receiveTimeNanos(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + HEADER_LENGTH + RECEIVE_TIME_OFFSET, ORDER);
    }

    public static long exchangeTimeNanos(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + HEADER_LENGTH + EXCHANGE_TIME_OFFSET, ORDER);
    }

    public static int instrumentId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + HEADER_LENGTH + INSTRUMENT_ID_OFFSET, ORDER);
    }

    public static Venue venue(final DirectBuffer buffer, final int offset)
    {
        return Venue.get((short)(buffer.getByte(offset + HEADER_LENGTH + VENUE_OFFSET) & 0xFF));
    }

    public static short venueCode(final DirectBuffer buffer, final int offset)
    {
        return (short)(buffer.getByte(offset + HEADER_LENGTH + VENUE_OFFSET) & 0xFF);
    }
}
