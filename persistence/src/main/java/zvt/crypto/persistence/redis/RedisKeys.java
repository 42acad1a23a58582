package zvt.crypto.persistence.redis;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.Instrument;

/**
 * The key layout, in one place for writers and readers:
 * <ul>
 *   <li>{@code <prefix>:state:<venue>:<symbol>}: a hash of JSON messages, fields {@code trade}, {@code top},
 *       {@code book} and {@code candle} (the gateway protocol's own forms, each with its journal index);</li>
 *   <li>{@code <prefix>:stream:<venue>}: every journal entry of the venue, a sink batch's worth per stream entry:
 *       field {@code e} holds records of journal index, part and SBE bytes ({@link StreamEntryFormat}), the id is the
 *       last record's {@code <journal index>-<part>}; part 0 is a journal entry, parts 1..n a whole book appended
 *       after it now and then (see {@link RedisStreamSink});</li>
 *   <li>{@code <prefix>:stream:head}: the last journal index appended to the streams, set in the same transaction.
 *       </li>
 * </ul>
 */
public final class RedisKeys
{
    /** The stream entry field holding the records. */
    public static final byte[] ENTRY_FIELD = {'e'};

    private final String prefix;
    private final byte[][] streams = new byte[Venue.values().length][];
    private final byte[] head;

    public RedisKeys(final String prefix)
    {
        this.prefix = prefix;
        for (final Venue venue : Venue.values())
        {
            if (venue != Venue.NULL_VAL)
            {
                streams[venue.ordinal()] = bytes(prefix + ":stream:" + name(venue));
            }
        }
        head = bytes(prefix + ":stream:head");
    }

    public String state(final Instrument instrument)
    {
        return prefix + ":state:" + name(instrument.venue()) + ":" + instrument.symbol();
    }

    /** @return the venue's stream key, or null for a code that names no venue. */
    public byte[] stream(final int venueCode)
    {
        for (final Venue venue : Venue.values())
        {
            if (venue.value() == venueCode && venue != Venue.NULL_VAL)
            {
                return streams[venue.ordinal()];
            }
        }
        return null;
    }

    public byte[] streamHead()
    {
        return head;
    }

    /**
     * @param part 0 for a journal entry, 1.. for the parts of a book snapshot appended after it.
     * @return the id of a stream entry whose last record this is.
     */
    public static byte[] entryId(final long journalIndex, final int part)
    {
        return bytes(journalIndex + "-" + part);
    }

    /** @return the journal index of a stream entry id written by {@link #entryId}. */
    public static long journalIndex(final String entryId)
    {
        final int dash = entryId.indexOf('-');
        return Long.parseLong(dash < 0 ? entryId : entryId.substring(0, dash));
    }

    private static String name(final Venue venue)
    {
        return venue.name().toLowerCase(Locale.ROOT);
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
