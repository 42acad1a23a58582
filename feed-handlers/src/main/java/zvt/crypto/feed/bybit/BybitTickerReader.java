package zvt.crypto.feed.bybit;

import org.agrona.collections.Int2ObjectHashMap;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.publish.TopFields;

import java.nio.charset.StandardCharsets;

/**
 * {@code tickers} data → TopOfBook from {@code bid1Price}, {@code bid1Size}, {@code ask1Price}, {@code ask1Size}.
 * Linear tickers come as a snapshot, then deltas in which an absent field means "unchanged", so each instrument
 * keeps a cached ticker: a snapshot replaces it, a delta merges the fields it carries (an empty string makes a field
 * unknown again). A quote is published when the message carried at least one of the four fields and all four are
 * known; sequence = the cross sequence {@code cs}, exchange time = {@code ts}. A message whose {@code cs} is not
 * above the cache's is an overlapping session's copy (or older) and is not merged: merging it would bring back
 * values a later delta replaced. Spot tickers carry no bid or ask, so they never publish (counted as ignored):
 * spot top of book comes from {@code orderbook.1}. Allocates one cache per instrument, on its first ticker.
 * Not thread-safe.
 */
final class BybitTickerReader
{
    private static final byte[][] FIELDS = {ascii("bid1Price"), ascii("bid1Size"), ascii("ask1Price"),
        ascii("ask1Size")};
    private static final int ABSENT = 0;
    private static final int VALUE = 1;
    private static final int EMPTY = 2;

    private final FeedPublisher publisher;
    private JsonCursor cursor;
    private final Int2ObjectHashMap<CachedTicker> tickers = new Int2ObjectHashMap<>();
    private final MutableDecimal[] values = {new MutableDecimal(), new MutableDecimal(), new MutableDecimal(),
        new MutableDecimal()};
    private final int[] states = new int[FIELDS.length];

    BybitTickerReader(final FeedPublisher publisher)
    {
        this.publisher = publisher;
    }

    /** Reads the data value that starts with {@code token}. @return null if valid, else why not. */
    BybitDecodeError read(final JsonCursor cursor, final int token)
    {
        this.cursor = cursor;
        return token != JsonCursor.BEGIN_OBJECT ? BybitDecodeError.BAD_DATA : readFields();
    }

    /** Merges the fields read last into the instrument's ticker and publishes its quote if complete. */
    BybitDecodeError publish(final BybitEnvelope envelope, final int instrumentId)
    {
        final long crossSequence = envelope.hasCrossSequence() ? envelope.crossSequence() : TopFields.NO_SEQUENCE;
        if (crossSequence < 0)
        {
            return BybitDecodeError.BAD_ID;
        }
        CachedTicker ticker = tickers.get(instrumentId);
        if (ticker == null)
        {
            ticker = new CachedTicker();
            tickers.put(instrumentId, ticker);
        }
        if (crossSequence != TopFields.NO_SEQUENCE)
        {
            if (crossSequence <= ticker.crossSequence)
            {
                return null;
            }
            ticker.crossSequence = crossSequence;
        }
        if (envelope.snapshot() == 1)
        {
            ticker.known = 0;
        }
        boolean carried = false;
        for (int i = 0; i < FIELDS.length; i++)
        {
            if (states[i] == VALUE)
            {
                ticker.values[i].set(values[i].mantissa(), values[i].exponent());
                ticker.known |= 1 << i;
            }
            else if (states[i] == EMPTY)
            {
                ticker.known &= ~(1 << i);
            }
            carried |= states[i] != ABSENT;
        }
        if (carried && ticker.known == (1 << FIELDS.length) - 1)
        {
            final TopFields top = publisher.top();
            top.instrumentId(instrumentId).exchangeTimeNanos(envelope.timeNanos()).sequence(crossSequence);
            top.bidPrice().set(ticker.values[0].mantissa(), ticker.values[0].exponent());
            top.bidSize().set(ticker.values[1].mantissa(), ticker.values[1].exponent());
            top.askPrice().set(ticker.values[2].mantissa(), ticker.values[2].exponent());
            top.askSize().set(ticker.values[3].mantissa(), ticker.values[3].exponent());
            publisher.publishTop();
        }
        return null;
    }

    private BybitDecodeError readFields()
    {
        for (int i = 0; i < FIELDS.length; i++)
        {
            states[i] = ABSENT;
        }
        while (true)
        {
            final int name = cursor.next();
            if (name == JsonCursor.END_OBJECT)
            {
                return null;
            }
            if (name != JsonCursor.FIELD_NAME)
            {
                return BybitDecodeError.BAD_DATA;
            }
            final int field = field();
            final int value = cursor.next();
            if (field >= 0)
            {
                if (value == JsonCursor.STRING && cursor.tokenLength() == 0)
                {
                    states[field] = EMPTY;
                }
                else if (BybitJson.decimal(cursor, value, values[field]))
                {
                    states[field] = VALUE;
                }
                else
                {
                    return (field & 1) == 0 ? BybitDecodeError.BAD_PRICE : BybitDecodeError.BAD_SIZE;
                }
            }
            if (!cursor.skipValue())
            {
                return BybitDecodeError.MALFORMED_JSON;
            }
        }
    }

    private int field()
    {
        if (cursor.tokenLength() < 8 || cursor.buffer().getByte(cursor.tokenOffset() + 3) != '1')
        {
            return -1; // cheap reject: every field read is bid1... or ask1...
        }
        for (int i = 0; i < FIELDS.length; i++)
        {
            if (cursor.tokenEquals(FIELDS[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The last known bid1/ask1 fields of one instrument, and the cross sequence they are as of. */
    private static final class CachedTicker
    {
        final MutableDecimal[] values = {new MutableDecimal(), new MutableDecimal(), new MutableDecimal(),
            new MutableDecimal()};
        int known;
        long crossSequence = -1;
    }
}
