package zvt.crypto.feed.book;

import org.agrona.MutableDirectBuffer;
import org.agrona.DirectBuffer;
import zvt.crypto.core.codec.Side;

/**
 * One decoded order-book message of one instrument, venue-neutral: whether it replaces the book (a snapshot) or
 * changes it (a delta), its ids and its levels (absolute sizes; zero removes). Ids:
 * <ul>
 *     <li>{@link #firstId()}/{@link #lastId()}: the first and last update the message covers (Binance
 *     {@code U}/{@code u}; venues with one id per message set the last, e.g. Bybit {@code u}, OKX {@code seqId});</li>
 *     <li>{@link #previousId()}: the id of the message it follows, where the venue says (Binance USD-M {@code pu},
 *     OKX {@code prevSeqId}), else {@link #NO_ID}.</li>
 * </ul>
 * Prices and sizes keep the exponent the venue wrote them with, so a checksum over the text can be recomputed.
 * Filled by a venue decoder and handed to {@link zvt.crypto.feed.publish.FeedPublisher#publishBook()}; kept in a
 * {@link FrameStore} (see {@link #writeTo}) while its book waits for a snapshot. Reused: not thread-safe.
 */
public final class BookFields
{
    public static final long NO_ID = Long.MIN_VALUE;
    /** Bytes of the fixed part written by {@link #writeTo}. */
    private static final int HEADER_LENGTH = 4 + 1 + 8 * 4 + 1 + 4 + 4;
    private static final int LEVEL_LENGTH = 1 + 8 + 1 + 8 + 1;

    private final LevelBuffer levels = new LevelBuffer();
    private int instrumentId;
    private boolean snapshot;
    private long exchangeTimeNanos;
    private long firstId;
    private long lastId;
    private long previousId;
    private boolean hasChecksum;
    private int checksum;

    /** Starts a message: no levels, no ids, no checksum. */
    public BookFields reset(final int instrumentId, final boolean snapshot)
    {
        this.instrumentId = instrumentId;
        this.snapshot = snapshot;
        levels.clear();
        exchangeTimeNanos = 0;
        firstId = NO_ID;
        lastId = NO_ID;
        previousId = NO_ID;
        hasChecksum = false;
        checksum = 0;
        return this;
    }

    /**
     * Starts a message whose levels were already read into {@link #levels()} (a decoder that tokenizes the frame
     * once finds the levels before it knows what the message is): as {@link #reset} but keeping the levels.
     */
    public BookFields resetHeader(final int instrumentId, final boolean snapshot)
    {
        final int count = levels.count();
        reset(instrumentId, snapshot);
        levels.truncate(count);
        return this;
    }

    public BookFields exchangeTimeNanos(final long exchangeTimeNanos)
    {
        this.exchangeTimeNanos = exchangeTimeNanos;
        return this;
    }

    public BookFields ids(final long firstId, final long lastId)
    {
        this.firstId = firstId;
        this.lastId = lastId;
        return this;
    }

    public BookFields previousId(final long previousId)
    {
        this.previousId = previousId;
        return this;
    }

    /** The venue's checksum of the book after this message (OKX CRC32 of the top 25 levels). */
    public BookFields checksum(final int checksum)
    {
        this.hasChecksum = true;
        this.checksum = checksum;
        return this;
    }

    /** Makes the message replace the book (e.g. Bybit's {@code u == 1} restart delta). */
    public BookFields snapshot(final boolean snapshot)
    {
        this.snapshot = snapshot;
        return this;
    }

    public LevelBuffer levels()
    {
        return levels;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public boolean isSnapshot()
    {
        return snapshot;
    }

    public long exchangeTimeNanos()
    {
        return exchangeTimeNanos;
    }

    public long firstId()
    {
        return firstId;
    }

    public long lastId()
    {
        return lastId;
    }

    public long previousId()
    {
        return previousId;
    }

    public boolean hasChecksum()
    {
        return hasChecksum;
    }

    public int checksum()
    {
        return checksum;
    }

    /** @return bytes {@link #writeTo} needs. */
    public int encodedLength()
    {
        return HEADER_LENGTH + levels.count() * LEVEL_LENGTH;
    }

    /** Serializes the message (for a backlog); {@link #readFrom} restores it exactly. */
    public int writeTo(final MutableDirectBuffer buffer, final int offset)
    {
        int at = offset;
        buffer.putInt(at, instrumentId);
        buffer.putByte(at + 4, (byte)(snapshot ? 1 : 0));
        buffer.putLong(at + 5, exchangeTimeNanos);
        buffer.putLong(at + 13, firstId);
        buffer.putLong(at + 21, lastId);
        buffer.putLong(at + 29, previousId);
        buffer.putByte(at + 37, (byte)(hasChecksum ? 1 : 0));
        buffer.putInt(at + 38, checksum);
        buffer.putInt(at + 42, levels.count());
        at += HEADER_LENGTH;
        for (int i = 0; i < levels.count(); i++)
        {
            buffer.putByte(at, (byte)levels.side(i).value());
            buffer.putLong(at + 1, levels.price(i));
            buffer.putByte(at + 9, (byte)levels.priceExponent(i));
            buffer.putLong(at + 10, levels.size(i));
            buffer.putByte(at + 18, (byte)levels.sizeExponent(i));
            at += LEVEL_LENGTH;
        }
        return at - offset;
    }

    public BookFields readFrom(final DirectBuffer buffer, final int offset)
    {
        reset(buffer.getInt(offset), buffer.getByte(offset + 4) == 1);
        exchangeTimeNanos = buffer.getLong(offset + 5);
        firstId = buffer.getLong(offset + 13);
        lastId = buffer.getLong(offset + 21);
        previousId = buffer.getLong(offset + 29);
        hasChecksum = buffer.getByte(offset + 37) == 1;
        checksum = buffer.getInt(offset + 38);
        final int count = buffer.getInt(offset + 42);
        int at = offset + HEADER_LENGTH;
        for (int i = 0; i < count; i++)
        {
            levels.add(Side.get(buffer.getByte(at)), buffer.getLong(at + 1), buffer.getByte(at + 9),
                buffer.getLong(at + 10), buffer.getByte(at + 18));
            at += LEVEL_LENGTH;
        }
        return this;
    }
}
