package zvt.crypto.feed.bybit;

import org.agrona.DirectBuffer;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.venue.FrameDecoder;

/**
 * Every Bybit v5 public frame of a spot or linear connection. One pass over the top level ({@link BybitEnvelope})
 * finds the topic, then the topic routes the {@code data} to its reader:
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

    private final FeedPublisher publisher;
    private final BybitEnvelope envelope = new BybitEnvelope();
    private final BybitTradeReader trades;
    private final BybitBookReader books;
    private final BybitTickerReader tickers;
    private final BybitKlineReader klines;

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
        if (!envelope.parse(buffer, offset, length))
        {
            publisher.reject(BybitDecodeError.MALFORMED_JSON, buffer, offset, length);
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
        final BybitDecodeError error = route(buffer);
        if (error != null)
        {
            publisher.reject(error, buffer, offset, length);
        }
    }

    /** @return null when handled (published or ignored), else why the frame is rejected. */
    private BybitDecodeError route(final DirectBuffer buffer)
    {
        final int start = envelope.topicOffset();
        final int end = start + envelope.topicLength();
        final int firstDot = indexOf(buffer, start, end, (byte)'.');
        final int lastDot = lastIndexOf(buffer, start, end, (byte)'.');
        if (firstDot < 0 || lastDot == end - 1)
        {
            return BybitDecodeError.BAD_TOPIC;
        }
        final int channel;
        if (equals(buffer, start, firstDot, PUBLIC_TRADE))
        {
            channel = 1;
        }
        else if (equals(buffer, start, firstDot, ORDERBOOK))
        {
            channel = 2;
        }
        else if (equals(buffer, start, firstDot, TICKERS))
        {
            channel = 3;
        }
        else if (equals(buffer, start, firstDot, KLINE))
        {
            channel = 4;
        }
        else
        {
            return null; // a topic this feed does not decode (e.g. allLiquidation)
        }
        final boolean parameterized = channel == 2 || channel == 4;
        if (parameterized == (firstDot == lastDot))
        {
            return BybitDecodeError.BAD_TOPIC;
        }
        final int instrumentId = publisher.instrumentId(buffer, lastDot + 1, end - lastDot - 1);
        if (instrumentId == InstrumentRegistry.NO_INSTRUMENT)
        {
            return null;
        }
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
        return switch (channel)
        {
            case 1 -> trades.read(envelope, instrumentId);
            case 2 ->
            {
                final long depth = BybitEnvelope.digits(buffer, firstDot + 1, lastDot - firstDot - 1);
                yield depth <= 0 ? BybitDecodeError.BAD_TOPIC : books.read(envelope, instrumentId, depth == 1);
            }
            case 3 -> tickers.read(envelope, instrumentId);
            default ->
            {
                final CandleInterval interval =
                    BybitIntervals.of(buffer, firstDot + 1, lastDot - firstDot - 1);
                yield interval == null ? BybitDecodeError.BAD_TOPIC : klines.read(envelope, instrumentId, interval);
            }
        };
    }

    private static int indexOf(final DirectBuffer buffer, final int start, final int end, final byte b)
    {
        for (int i = start; i < end; i++)
        {
            if (buffer.getByte(i) == b)
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
            if (buffer.getByte(i) == b)
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
            if (buffer.getByte(start + i) != ascii[i])
            {
                return false;
            }
        }
        return true;
    }
}
