package zvt.crypto.feed.bybit;

import org.agrona.DirectBuffer;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.core.json.RangeBytes;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.venue.FrameDecoder;

/**
 * Every Bybit v5 public frame of a spot or linear connection. One pass over the frame ({@link BybitEnvelope}) finds
 * the topic and hands {@code data} to the topic's reader as soon as it starts (or, should the topic come after the
 * data, re-reads the data once the topic is known); each reader validates everything into its scratch state, then
 * publishes once the envelope's {@code type}, {@code ts} and {@code cs} are known:
 * <ul>
 *     <li>{@code publicTrade.<symbol>} → Trade ({@link BybitTradeReader});</li>
 *     <li>{@code orderbook.<depth>.<symbol>}: depth 1 → TopOfBook, deeper → the feed's book sync
 *     ({@link BybitBookReader});</li>
 *     <li>{@code tickers.<symbol>} → TopOfBook from the cached linear ticker ({@link BybitTickerReader});</li>
 *     <li>{@code kline.<interval>.<symbol>} → Candle ({@link BybitKlineReader}).</li>
 * </ul>
 * The symbol is the topic's last part, looked up on the frame's connection group (spot and linear both spell
 * {@code BTCUSDT}). Control replies (subscribe acks, pongs of every category) are ignored; one with
 * {@code "success":false} is a venue error. Other topics and symbols not subscribed are ignored; malformed frames
 * are rejected per {@link BybitDecodeError}. Never throws, and allocates nothing per frame (a ticker cache per
 * instrument is created the first time the instrument's ticker arrives).
 * <p>
 * Not thread-safe: one per feed, on its event loop.
 */
public final class BybitDecoder implements FrameDecoder
{
    private static final byte[] PUBLIC_TRADE = BybitEnvelope.ascii("publicTrade");
    private static final byte[] ORDERBOOK = BybitEnvelope.ascii("orderbook");
    private static final byte[] TICKERS = BybitEnvelope.ascii("tickers");
    private static final byte[] KLINE = BybitEnvelope.ascii("kline");

    private static final int OTHER = 0;
    private static final int TRADE = 1;
    private static final int BOOK = 2;
    private static final int TICKER = 3;
    private static final int CANDLE = 4;

    private final FeedPublisher publisher;
    private final BybitEnvelope envelope = new BybitEnvelope(this::onData);
    private final JsonCursor dataCursor = new JsonCursor();
    private final BybitTradeReader trades;
    private final BybitBookReader books;
    private final BybitTickerReader tickers;
    private final BybitKlineReader klines;
    private boolean topicRead;
    private boolean dataRead;
    private BybitDecodeError error;
    private int channel;
    private int instrumentId;
    private boolean topOfBook;
    private CandleInterval interval;

    public BybitDecoder(final FeedPublisher publisher)
    {
        this.publisher = publisher;
        trades = new BybitTradeReader(publisher);
        books = new BybitBookReader(publisher);
        tickers = new BybitTickerReader(publisher);
        klines = new BybitKlineReader(publisher);
    }

    public void decode(final DirectBuffer buffer, final int offset, final int length)
    {
        topicRead = false;
        dataRead = false;
        error = null;
        if (!envelope.parse(buffer, offset, length))
        {
            publisher.reject(error != null ? error : BybitDecodeError.MALFORMED_JSON, buffer, offset, length);
            return;
        }
        if (!envelope.hasTopic())
        {
            if (envelope.isFailure())
            {
                publisher.venueError(buffer, offset, length);
            }
            return; // acks, pongs (spot, linear and option shapes) and anything else without a topic
        }
        if (!topicRead)
        {
            readTopic();
        }
        if (error == null && channel != OTHER && instrumentId != InstrumentRegistry.NO_INSTRUMENT)
        {
            error = publish();
        }
        if (error != null)
        {
            publisher.reject(error, buffer, offset, length);
        }
    }

    /** The envelope reached {@code data} after the topic: read it in the same pass if it is for us. */
    private int onData(final JsonCursor cursor, final int token)
    {
        readTopic();
        if (error != null || channel == OTHER || instrumentId == InstrumentRegistry.NO_INSTRUMENT)
        {
            return BybitEnvelope.DataReader.SKIPPED;
        }
        dataRead = true;
        error = readData(cursor, token);
        return error == null ? BybitEnvelope.DataReader.READ : BybitEnvelope.DataReader.FAILED;
    }

    private BybitDecodeError readData(final JsonCursor cursor, final int token)
    {
        return switch (channel)
        {
            case TRADE -> trades.read(cursor, token);
            case BOOK -> books.read(cursor, token, topOfBook);
            case TICKER -> tickers.read(cursor, token);
            default -> klines.read(cursor, token);
        };
    }

    /** @return null when published (or nothing to publish), else why the frame is rejected. */
    private BybitDecodeError publish()
    {
        if (envelope.dataToken() == BybitEnvelope.ABSENT || envelope.tsAbsent() || envelope.typeAbsent())
        {
            return BybitDecodeError.MISSING_FIELD;
        }
        if (envelope.timeNanos() < 0)
        {
            return BybitDecodeError.BAD_TIME;
        }
        if (envelope.snapshot() < 0)
        {
            return BybitDecodeError.BAD_TYPE;
        }
        if (!dataRead)
        {
            dataCursor.wrap(envelope.buffer(), envelope.dataOffset(), envelope.dataLength());
            final BybitDecodeError dataError = readData(dataCursor, dataCursor.next());
            if (dataError != null)
            {
                return dataError;
            }
        }
        switch (channel)
        {
            case TRADE -> trades.publish(envelope, instrumentId);
            case BOOK -> books.publish(envelope, instrumentId, topOfBook);
            case TICKER ->
            {
                return tickers.publish(envelope, instrumentId);
            }
            default -> klines.publish(envelope, instrumentId, interval);
        }
        return null;
    }

    /** Sets channel, instrument and parameters from the topic ({@link #error} if malformed; OTHER if not ours). */
    private void readTopic()
    {
        topicRead = true;
        channel = OTHER;
        instrumentId = InstrumentRegistry.NO_INSTRUMENT;
        final DirectBuffer buffer = envelope.buffer();
        final int start = envelope.topicOffset();
        final int end = start + envelope.topicLength();
        buffer.boundsCheck(start, end - start); // the helpers below read only inside the topic
        final int firstDot = indexOf(buffer, start, end, (byte)'.');
        final int lastDot = lastIndexOf(buffer, start, end, (byte)'.');
        if (firstDot < 0 || lastDot == end - 1)
        {
            error = BybitDecodeError.BAD_TOPIC;
            return;
        }
        final int kind = equals(buffer, start, firstDot, PUBLIC_TRADE) ? TRADE :
            equals(buffer, start, firstDot, ORDERBOOK) ? BOOK : equals(buffer, start, firstDot, TICKERS) ? TICKER :
            equals(buffer, start, firstDot, KLINE) ? CANDLE : OTHER;
        if (kind == OTHER)
        {
            return; // a topic this feed does not decode (e.g. allLiquidation)
        }
        final boolean parameterized = kind == BOOK || kind == CANDLE;
        if (parameterized == (firstDot == lastDot))
        {
            error = BybitDecodeError.BAD_TOPIC;
            return;
        }
        if (kind == BOOK)
        {
            final long depth = BybitEnvelope.digits(buffer, firstDot + 1, lastDot - firstDot - 1);
            if (depth <= 0)
            {
                error = BybitDecodeError.BAD_TOPIC;
                return;
            }
            topOfBook = depth == 1;
        }
        else if (kind == CANDLE)
        {
            interval = BybitIntervals.of(buffer, firstDot + 1, lastDot - firstDot - 1);
            if (interval == null)
            {
                error = BybitDecodeError.BAD_TOPIC;
                return;
            }
        }
        channel = kind;
        instrumentId = publisher.instrumentId(buffer, lastDot + 1, end - lastDot - 1);
    }

    private static int indexOf(final DirectBuffer buffer, final int start, final int end, final byte b)
    {
        for (int i = start; i < end; i++)
        {
            if (RangeBytes.get(buffer, i) == b)
            {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(final DirectBuffer buffer, final int start, final int end, final byte b)
    {
        for (int i = end - 1; i >= start; i--)
        {
            if (RangeBytes.get(buffer, i) == b)
            {
                return i;
            }
        }
        return -1;
    }

    private static boolean equals(final DirectBuffer buffer, final int start, final int end, final byte[] ascii)
    {
        if (end - start != ascii.length)
        {
            return false;
        }
        for (int i = 0; i < ascii.length; i++)
        {
            if (RangeBytes.get(buffer, start + i) != ascii[i])
            {
                return false;
            }
        }
        return true;
    }
}
