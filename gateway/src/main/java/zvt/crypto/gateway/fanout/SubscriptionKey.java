package zvt.crypto.gateway.fanout;

import org.agrona.DirectBuffer;
import zvt.crypto.core.codec.CandleDecoder;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.MessageHeaderDecoder;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;

/**
 * Packs what a subscription selects (instrument, venue, event type) into one {@code long}, so the fan-out looks
 * subscribers up with a primitive map and no allocation. The venue is part of the key so that venue-wide events
 * (a status with instrument id 0) can be subscribed per venue.
 * <pre>
 *   bits 63..16 instrument id | bits 15..8 venue code | bits 7..0 template id
 * </pre>
 */
public final class SubscriptionKey
{
    /** No key: instrument ids are never negative. */
    public static final long NONE = -1;
    /**
     * The depths a {@code book} subscription may be limited to. Each is a channel of its own, keyed by a template id
     * no event has ({@link #BOOK_DEPTH_TEMPLATE_BASE} + its position here), so its subscribers get conflated
     * snapshots of that depth rather than the deltas.
     */
    public static final int[] BOOK_DEPTHS = {1, 5, 10, 20, 50, 100, 500, 1000};
    public static final int BOOK_DEPTH_TEMPLATE_BASE = 0xF0;
    /**
     * A {@code candle} subscription limited to one interval is a channel of its own too, keyed by this plus the
     * interval's schema value (1..16): its subscribers get only that interval's bars.
     */
    public static final int CANDLE_INTERVAL_TEMPLATE_BASE = 0xD0;

    private static final int STATUS_TEMPLATE_ID = EventType.VENUE_STATUS.templateId();
    private static final int CANDLE_TEMPLATE_ID = EventType.CANDLE.templateId();

    private SubscriptionKey()
    {
    }

    public static long of(final int instrumentId, final int venueCode, final int templateId)
    {
        return ((long)instrumentId << 16) | ((long)(venueCode & 0xFF) << 8) | (templateId & 0xFF);
    }

    /** The instrument id a key was made with. */
    public static int instrumentId(final long key)
    {
        return (int)(key >> 16);
    }

    /** The venue code a key was made with. */
    public static int venueCode(final long key)
    {
        return (int)((key >> 8) & 0xFF);
    }

    /** The same channel and venue for every instrument: what {@code "symbol":"*"} subscribes to. */
    public static long venueWide(final long key)
    {
        return key & 0xFFFF;
    }

    /**
     * @return the venue-wide key whose subscribers ({@code "symbol":"*"}) also receive events under this key, or
     * {@link #NONE} for a key that is venue-wide already, or a status key (a venue-wide status means venue events).
     */
    public static long wildcardOf(final long key)
    {
        return instrumentId(key) == 0 || templateId(key) == STATUS_TEMPLATE_ID ? NONE : venueWide(key);
    }

    /** @return the template id of the {@code book} channel limited to this depth, or -1 if it is not offered. */
    public static int bookDepthTemplateId(final int depth)
    {
        for (int i = 0; i < BOOK_DEPTHS.length; i++)
        {
            if (BOOK_DEPTHS[i] == depth)
            {
                return BOOK_DEPTH_TEMPLATE_BASE + i;
            }
        }
        return -1;
    }

    /** @return the depth a key's book view is limited to, or 0 if the key is not a depth-limited book view. */
    public static int bookDepth(final long key)
    {
        final int index = templateId(key) - BOOK_DEPTH_TEMPLATE_BASE;
        return index >= 0 && index < BOOK_DEPTHS.length ? BOOK_DEPTHS[index] : 0;
    }

    /** @return the template id of the {@code candle} channel limited to one interval. */
    public static int candleIntervalTemplateId(final CandleInterval interval)
    {
        return CANDLE_INTERVAL_TEMPLATE_BASE + interval.value();
    }

    /** @return the key of an instrument's candle channel limited to one interval. */
    public static long candleIntervalKey(final int instrumentId, final int venueCode, final CandleInterval interval)
    {
        return of(instrumentId, venueCode, candleIntervalTemplateId(interval));
    }

    /** @return true for a key of the candle channel, of every interval or of one. */
    public static boolean isCandle(final long key)
    {
        final int templateId = templateId(key);
        return templateId == CANDLE_TEMPLATE_ID ||
            (templateId > CANDLE_INTERVAL_TEMPLATE_BASE && templateId <= CANDLE_INTERVAL_TEMPLATE_BASE + 0x10);
    }

    /** @return the key of the one-interval candle channel an encoded Candle event also goes to. */
    public static long candleIntervalKeyOfEvent(final DirectBuffer buffer, final int offset)
    {
        final int interval = buffer.getByte(
            offset + MessageHeaderDecoder.ENCODED_LENGTH + CandleDecoder.intervalEncodingOffset()) & 0xFF;
        return of(EventView.instrumentId(buffer, offset), EventView.venueCode(buffer, offset),
            CANDLE_INTERVAL_TEMPLATE_BASE + interval);
    }

    /** The template id a key was made with: which channel it selects. */
    public static int templateId(final long key)
    {
        return (int)(key & 0xFF);
    }

    /** The key an encoded event is published under, read from the common prefix of its header and body. */
    public static long ofEvent(final DirectBuffer buffer, final int offset)
    {
        return of(
            EventView.instrumentId(buffer, offset),
            EventView.venueCode(buffer, offset),
            EventView.templateId(buffer, offset));
    }
}
