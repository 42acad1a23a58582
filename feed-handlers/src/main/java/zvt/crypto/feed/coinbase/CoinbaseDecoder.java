package zvt.crypto.feed.coinbase;

import org.agrona.DirectBuffer;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.publish.VenueIds;
import zvt.crypto.feed.venue.FrameDecoder;

/**
 * Every Coinbase Advanced Trade market-data frame of a connection: the envelope {@code {"channel", "timestamp",
 * "sequence_num", "events":[...]}} is read in one pass, and the events go to the channel's reader:
 * <ul>
 *     <li>{@code market_trades} → Trade ({@link CoinbaseTradeReader}); {@code l2_data} (the {@code level2}
 *     channel) → book messages ({@link CoinbaseLevel2Reader}); {@code ticker} and {@code ticker_batch} → TopOfBook
 *     ({@link CoinbaseTickerReader}); {@code candles} → Candle ({@link CoinbaseCandleReader});</li>
 *     <li>{@code heartbeats}, {@code subscriptions}, {@code status} and any other channel: ignored ("unknown
 *     message types must be ignored");</li>
 *     <li>a frame with a top-level {@code type} is not an Advanced Trade data message: {@code error} is a venue
 *     error, anything else (a Coinbase Exchange ws-feed message, an echoed request) is ignored.</li>
 * </ul>
 * Every message's {@code sequence_num} goes to {@link FeedPublisher#sessionSequence} before its events are published:
 * it counts every message of the connection, across channels, so a gap means something was lost and the runner
 * rebuilds the session; a repeat of the previous message (same number) is dropped as a duplicate. The envelope's
 * fields come before {@code events} in every recorded message, so the events are decoded as they are read; if
 * {@code events} comes first its extent is remembered and decoded after the envelope (a second pass over it only
 * then). Events are published as each one is complete and valid; the first malformed one rejects the frame and stops
 * it. The envelope's {@code timestamp} is read (and must be valid) only for the channels that use it: every trade
 * carries its own {@code time}. Never throws; allocates nothing per frame.
 * <p>
 * Not thread-safe: one per feed, on its event loop.
 */
public final class CoinbaseDecoder implements FrameDecoder
{
    private static final byte[] CHANNEL = CoinbaseFields.ascii("channel");
    private static final byte[] TYPE = CoinbaseFields.ascii("type");
    private static final byte[] TIMESTAMP = CoinbaseFields.ascii("timestamp");
    private static final byte[] SEQUENCE_NUM = CoinbaseFields.ascii("sequence_num");
    private static final byte[] EVENTS = CoinbaseFields.ascii("events");
    private static final byte[] ERROR = CoinbaseFields.ascii("error");
    private static final byte[] MARKET_TRADES = CoinbaseFields.ascii("market_trades");
    private static final byte[] L2_DATA = CoinbaseFields.ascii("l2_data");
    private static final byte[] TICKER = CoinbaseFields.ascii("ticker");
    private static final byte[] TICKER_BATCH = CoinbaseFields.ascii("ticker_batch");
    private static final byte[] CANDLES = CoinbaseFields.ascii("candles");
    private static final long NO_SEQUENCE = -1;

    private final FeedPublisher publisher;
    private final JsonCursor cursor = new JsonCursor();
    private final JsonCursor deferred = new JsonCursor();
    private final CoinbaseTradeReader trades;
    private final CoinbaseLevel2Reader level2;
    private final CoinbaseTickerReader tickers;
    private final CoinbaseCandleReader candles;

    private DirectBuffer buffer;
    private int frameOffset;
    private int frameLength;
    private int timestampOffset;
    private int timestampLength;
    private long sequence;

    public CoinbaseDecoder(final FeedPublisher publisher)
    {
        this.publisher = publisher;
        trades = new CoinbaseTradeReader(publisher);
        level2 = new CoinbaseLevel2Reader(publisher);
        tickers = new CoinbaseTickerReader(publisher);
        candles = new CoinbaseCandleReader(publisher);
    }

    public void decode(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        frameOffset = offset;
        frameLength = length;
        timestampOffset = -1;
        sequence = NO_SEQUENCE;
        cursor.wrap(buffer, offset, length);
        if (cursor.next() != JsonCursor.BEGIN_OBJECT)
        {
            reject(CoinbaseDecodeError.MALFORMED_JSON);
            return;
        }
        boolean channelSeen = false;
        boolean typeSeen = false;
        boolean error = false;
        boolean sequenceReported = false;
        boolean eventsArray = true;
        int eventsOffset = -1;
        int eventsLength = 0;
        CoinbaseEventReader reader = null;
        while (true)
        {
            final int name = cursor.next();
            if (name == JsonCursor.END_OBJECT)
            {
                break;
            }
            if (name != JsonCursor.FIELD_NAME)
            {
                reject(CoinbaseDecodeError.MALFORMED_JSON);
                return;
            }
            final int field = field();
            final int value = cursor.next();
            if (!CoinbaseFields.isValue(value))
            {
                reject(CoinbaseDecodeError.MALFORMED_JSON);
                return;
            }
            if (field == 0 && value == JsonCursor.STRING)
            {
                channelSeen = true;
                reader = readerFor(cursor);
            }
            else if (field == 1 && value == JsonCursor.STRING)
            {
                typeSeen = true;
                error = cursor.tokenEquals(ERROR);
            }
            else if (field == 2 && value == JsonCursor.STRING)
            {
                timestampOffset = cursor.tokenOffset();
                timestampLength = cursor.tokenLength();
            }
            else if (field == 3)
            {
                sequence = value == JsonCursor.NUMBER ?
                    VenueIds.parse(buffer, cursor.tokenOffset(), cursor.tokenLength()) : VenueIds.INVALID;
                if (sequence == VenueIds.INVALID)
                {
                    reject(CoinbaseDecodeError.BAD_SEQUENCE);
                    return;
                }
            }
            else if (field == 4 && value == JsonCursor.BEGIN_ARRAY && channelSeen && !typeSeen &&
                sequence != NO_SEQUENCE && timestampOffset >= 0)
            {
                // The usual order: the envelope is known, so the events are decoded as they are read.
                sequenceReported = true;
                if (!publisher.sessionSequence(sequence))
                {
                    return;
                }
                if (reader == null && !cursor.skipValue())
                {
                    reject(CoinbaseDecodeError.MALFORMED_JSON);
                    return;
                }
                if (reader != null && !readEvents(cursor, reader))
                {
                    return;
                }
            }
            else if (field == 4)
            {
                eventsArray = value == JsonCursor.BEGIN_ARRAY;
                eventsOffset = cursor.tokenOffset();
                if (!cursor.skipValue())
                {
                    reject(CoinbaseDecodeError.MALFORMED_JSON);
                    return;
                }
                eventsLength = cursor.tokenOffset() + cursor.tokenLength() - eventsOffset;
            }
            else if (!cursor.skipValue())
            {
                reject(CoinbaseDecodeError.MALFORMED_JSON);
                return;
            }
        }
        if (cursor.next() != JsonCursor.END)
        {
            reject(CoinbaseDecodeError.MALFORMED_JSON);
            return;
        }
        if (typeSeen)
        {
            if (error)
            {
                publisher.venueError(buffer, offset, length);
            }
            return; // a reply, a request, or a Coinbase Exchange ws-feed message: not ours to decode
        }
        if (!channelSeen)
        {
            reject(CoinbaseDecodeError.MISSING_CHANNEL);
            return;
        }
        if (sequence != NO_SEQUENCE && !sequenceReported && !publisher.sessionSequence(sequence))
        {
            return;
        }
        if (reader != null && eventsOffset >= 0)
        {
            if (!eventsArray)
            {
                reject(CoinbaseDecodeError.BAD_EVENTS);
                return;
            }
            deferred.wrap(buffer, eventsOffset, eventsLength);
            deferred.next();
            readEvents(deferred, reader);
        }
    }

    /** Reads the events array just opened at {@code events}; @return false if the frame was rejected. */
    private boolean readEvents(final JsonCursor events, final CoinbaseEventReader reader)
    {
        // Trades carry their own time: the envelope's is read only for the channels that use it.
        final long timestampNanos = reader == trades || timestampOffset < 0 ? CoinbaseTime.INVALID :
            CoinbaseTime.rfc3339Nanos(buffer, timestampOffset, timestampLength);
        if (reader != trades && timestampOffset >= 0 && timestampNanos == CoinbaseTime.INVALID)
        {
            reject(CoinbaseDecodeError.BAD_TIME);
            return false;
        }
        while (true)
        {
            final int token = events.next();
            if (token == JsonCursor.END_ARRAY)
            {
                return true;
            }
            if (token != JsonCursor.BEGIN_OBJECT)
            {
                reject(CoinbaseFields.isValue(token) ? CoinbaseDecodeError.BAD_EVENTS :
                    CoinbaseDecodeError.MALFORMED_JSON);
                return false;
            }
            final CoinbaseDecodeError error = reader.readEvent(events, timestampNanos, sequence);
            if (error != null)
            {
                reject(error);
                return false;
            }
        }
    }

    /** 0 channel, 1 type, 2 timestamp, 3 sequence_num, 4 events, -1 another field. */
    private int field()
    {
        return cursor.tokenEquals(CHANNEL) ? 0 : cursor.tokenEquals(TYPE) ? 1 : cursor.tokenEquals(TIMESTAMP) ? 2 :
            cursor.tokenEquals(SEQUENCE_NUM) ? 3 : cursor.tokenEquals(EVENTS) ? 4 : -1;
    }

    /** The reader of the channel named at the cursor, or null for a channel that carries no market data. */
    private CoinbaseEventReader readerFor(final JsonCursor channel)
    {
        if (channel.tokenEquals(MARKET_TRADES))
        {
            return trades;
        }
        if (channel.tokenEquals(L2_DATA))
        {
            return level2;
        }
        if (channel.tokenEquals(TICKER) || channel.tokenEquals(TICKER_BATCH))
        {
            return tickers;
        }
        return channel.tokenEquals(CANDLES) ? candles : null;
    }

    private void reject(final CoinbaseDecodeError reason)
    {
        publisher.reject(reason, buffer, frameOffset, frameLength);
    }
}
