package zvt.crypto.feed.binance;

import org.agrona.DirectBuffer;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.book.BookFields;
import zvt.crypto.feed.publish.CandleFields;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.publish.TopFields;
import zvt.crypto.feed.publish.TradeFields;
import zvt.crypto.feed.publish.VenueIds;
import zvt.crypto.feed.venue.FrameDecoder;

import java.nio.charset.StandardCharsets;

/**
 * Every Binance stream of a connection (spot or USD-M futures), combined ({@code {"stream":..,"data":{..}}}) or raw:
 * one pass over the frame finds the payload fields ({@link BinancePayload}), then the event type routes it:
 * <ul>
 *     <li>{@code trade} → trade (venue trade id {@code t}); {@code aggTrade} → trade (the aggregate id {@code a});
 *     price {@code p}, size {@code q}, time {@code T}, aggressor SELL when the buyer is the maker {@code m};</li>
 *     <li>no type but {@code u b B a A} (spot), or {@code bookTicker} (futures) → quote, sequence {@code u}, time
 *     {@code T} or {@code E} where given;</li>
 *     <li>{@code kline} → candle; {@code depthUpdate} → book delta {@code U..u} (futures: after {@code pu});</li>
 *     <li>{@code serverShutdown} → the connections are replaced at once.</li>
 * </ul>
 * Control replies, other events and unsubscribed symbols are ignored; malformed frames are rejected per
 * {@link BinanceFrameError}. Validates everything before publishing, never throws, allocates nothing per frame.
 * Not thread-safe: one per feed, on its event loop.
 */
final class BinanceDecoder implements FrameDecoder
{
    private static final byte[] TRADE = ascii("trade");
    private static final byte[] AGG_TRADE = ascii("aggTrade");
    private static final byte[] KLINE = ascii("kline");
    private static final byte[] DEPTH_UPDATE = ascii("depthUpdate");
    private static final byte[] BOOK_TICKER = ascii("bookTicker");
    private static final byte[] SERVER_SHUTDOWN = ascii("serverShutdown");

    private final FeedPublisher publisher;
    private final BinancePayload payload;

    BinanceDecoder(final FeedPublisher publisher)
    {
        this.publisher = publisher;
        this.payload = new BinancePayload(publisher.book().levels());
    }

    public void decode(final DirectBuffer buffer, final int offset, final int length)
    {
        BinanceFrameError error = payload.parse(buffer, offset, length);
        if (error != null)
        {
            publisher.reject(error, buffer, offset, length);
            return;
        }
        if (payload.isString('e', SERVER_SHUTDOWN))
        {
            publisher.serverShutdown("binance serverShutdown");
            return;
        }
        final boolean trade = payload.isString('e', TRADE);
        final boolean aggTrade = !trade && payload.isString('e', AGG_TRADE);
        final boolean kline = !trade && !aggTrade && payload.isString('e', KLINE);
        final boolean depth = !trade && !aggTrade && !kline && payload.isString('e', DEPTH_UPDATE);
        final boolean ticker = !trade && !aggTrade && !kline && !depth && isBookTicker();
        if (!trade && !aggTrade && !kline && !depth && !ticker)
        {
            if (payload.isVenueError())
            {
                publisher.venueError(buffer, offset, length);
            }
            return;
        }
        if (payload.token('s') == BinancePayload.ABSENT)
        {
            publisher.reject(BinanceFrameError.MISSING_SYMBOL, buffer, offset, length);
            return;
        }
        if (payload.token('s') != JsonCursor.STRING || payload.length('s') == 0)
        {
            publisher.reject(BinanceFrameError.BAD_SYMBOL, buffer, offset, length);
            return;
        }
        final int instrumentId = publisher.instrumentId(payload.buffer(), payload.offset('s'), payload.length('s'));
        if (instrumentId == InstrumentRegistry.NO_INSTRUMENT)
        {
            return;
        }
        if (trade || aggTrade)
        {
            error = trade(instrumentId, trade ? 't' : 'a');
        }
        else if (ticker)
        {
            error = top(instrumentId);
        }
        else if (kline)
        {
            error = candle(instrumentId);
        }
        else
        {
            error = depth(instrumentId);
        }
        if (error != null)
        {
            publisher.reject(error, buffer, offset, length);
        }
    }

    /** Spot bookTicker has no event type, only {@code u b B a A}; futures call it {@code bookTicker}. */
    private boolean isBookTicker()
    {
        return payload.token('e') == BinancePayload.ABSENT ? payload.token('u') != BinancePayload.ABSENT &&
            payload.token('b') != BinancePayload.ABSENT && payload.token('B') != BinancePayload.ABSENT &&
            payload.token('A') != BinancePayload.ABSENT : payload.isString('e', BOOK_TICKER);
    }

    private BinanceFrameError trade(final int instrumentId, final char idField)
    {
        if (payload.token(idField) == BinancePayload.ABSENT || payload.token('p') == BinancePayload.ABSENT ||
            payload.token('q') == BinancePayload.ABSENT || payload.token('T') == BinancePayload.ABSENT ||
            payload.token('m') == BinancePayload.ABSENT)
        {
            return BinanceFrameError.MISSING_FIELD;
        }
        final long tradeId = payload.id(idField);
        if (tradeId == VenueIds.INVALID)
        {
            return BinanceFrameError.BAD_ID;
        }
        final TradeFields fields = publisher.trade();
        if (!payload.decimal('p', fields.price()))
        {
            return BinanceFrameError.BAD_PRICE;
        }
        if (!payload.decimal('q', fields.size()))
        {
            return BinanceFrameError.BAD_QUANTITY;
        }
        final long tradeTime = payload.millisAsNanos('T');
        if (tradeTime < 0)
        {
            return BinanceFrameError.BAD_TIME;
        }
        final int buyerIsMaker = payload.flag('m');
        if (buyerIsMaker < 0)
        {
            return BinanceFrameError.BAD_FLAG;
        }
        fields.instrumentId(instrumentId)
            .exchangeTimeNanos(tradeTime)
            .aggressorSide(buyerIsMaker == 1 ? Side.SELL : Side.BUY)
            .tradeId(payload.buffer(), payload.offset(idField), payload.length(idField), tradeId);
        publisher.publishTrade();
        return null;
    }

    private BinanceFrameError top(final int instrumentId)
    {
        if (payload.token('a') == BinancePayload.ABSENT || payload.token('u') == BinancePayload.ABSENT)
        {
            return BinanceFrameError.MISSING_FIELD;
        }
        final long updateId = payload.id('u');
        if (updateId == VenueIds.INVALID)
        {
            return BinanceFrameError.BAD_ID;
        }
        final TopFields fields = publisher.top();
        if (!payload.decimal('b', fields.bidPrice()) || !payload.decimal('a', fields.askPrice()))
        {
            return BinanceFrameError.BAD_PRICE;
        }
        if (!payload.decimal('B', fields.bidSize()) || !payload.decimal('A', fields.askSize()))
        {
            return BinanceFrameError.BAD_QUANTITY;
        }
        final char timeKey = payload.token('T') != BinancePayload.ABSENT ? 'T' : 'E';
        final long exchangeTime = payload.token(timeKey) == BinancePayload.ABSENT ? 0 : payload.millisAsNanos(timeKey);
        if (exchangeTime < 0)
        {
            return BinanceFrameError.BAD_TIME;
        }
        fields.instrumentId(instrumentId).exchangeTimeNanos(exchangeTime).sequence(updateId);
        publisher.publishTop();
        return null;
    }

    private BinanceFrameError candle(final int instrumentId)
    {
        final char openTimeKey = BinancePayload.klineKey('t');
        final char closeTimeKey = BinancePayload.klineKey('T');
        final char intervalKey = BinancePayload.klineKey('i');
        if (payload.token('E') == BinancePayload.ABSENT || payload.token(openTimeKey) == BinancePayload.ABSENT ||
            payload.token(closeTimeKey) == BinancePayload.ABSENT ||
            payload.token(intervalKey) == BinancePayload.ABSENT ||
            payload.token(BinancePayload.klineKey('x')) == BinancePayload.ABSENT ||
            payload.token(BinancePayload.klineKey('n')) == BinancePayload.ABSENT)
        {
            return BinanceFrameError.MISSING_FIELD;
        }
        final long eventTime = payload.millisAsNanos('E');
        final long openTime = payload.millisAsNanos(openTimeKey);
        final long closeTime = payload.millisAsNanos(closeTimeKey);
        if (eventTime < 0 || openTime < 0 || closeTime < 0)
        {
            return BinanceFrameError.BAD_TIME;
        }
        final CandleInterval interval = interval(intervalKey);
        if (interval == null)
        {
            return BinanceFrameError.BAD_INTERVAL;
        }
        final CandleFields fields = publisher.candle();
        if (!payload.decimal(BinancePayload.klineKey('o'), fields.open()) ||
            !payload.decimal(BinancePayload.klineKey('h'), fields.high()) ||
            !payload.decimal(BinancePayload.klineKey('l'), fields.low()) ||
            !payload.decimal(BinancePayload.klineKey('c'), fields.close()))
        {
            return BinanceFrameError.BAD_PRICE;
        }
        if (!payload.decimal(BinancePayload.klineKey('v'), fields.volume()) ||
            !payload.decimal(BinancePayload.klineKey('q'), fields.quoteVolume()))
        {
            return BinanceFrameError.BAD_QUANTITY;
        }
        final long tradeCount = payload.id(BinancePayload.klineKey('n'));
        if (tradeCount == VenueIds.INVALID)
        {
            return BinanceFrameError.BAD_ID;
        }
        final int closed = payload.flag(BinancePayload.klineKey('x'));
        if (closed < 0)
        {
            return BinanceFrameError.BAD_FLAG;
        }
        fields.instrumentId(instrumentId)
            .exchangeTimeNanos(eventTime)
            .interval(interval)
            .openTimeNanos(openTime)
            .closeTimeNanos(closeTime)
            .closed(closed == 1)
            .tradeCount(tradeCount);
        publisher.publishCandle();
        return null;
    }

    /** A diff-depth event; its levels were read into the publisher's book fields with the payload. */
    private BinanceFrameError depth(final int instrumentId)
    {
        if (payload.token('U') == BinancePayload.ABSENT || payload.token('u') == BinancePayload.ABSENT ||
            payload.token('b') == BinancePayload.ABSENT || payload.token('a') == BinancePayload.ABSENT)
        {
            return BinanceFrameError.MISSING_FIELD;
        }
        final long first = payload.id('U');
        final long last = payload.id('u');
        final long previous = payload.token(BinancePayload.PU) == BinancePayload.ABSENT ?
            BookFields.NO_ID : payload.id(BinancePayload.PU);
        if (first == VenueIds.INVALID || last == VenueIds.INVALID || previous == VenueIds.INVALID)
        {
            return BinanceFrameError.BAD_ID;
        }
        if (last < first)
        {
            return BinanceFrameError.BAD_SEQUENCE;
        }
        final long eventTime = payload.token('E') == BinancePayload.ABSENT ? 0 : payload.millisAsNanos('E');
        if (eventTime < 0)
        {
            return BinanceFrameError.BAD_TIME;
        }
        if (payload.token('b') != JsonCursor.BEGIN_ARRAY || payload.token('a') != JsonCursor.BEGIN_ARRAY ||
            !payload.levelsValid())
        {
            return BinanceFrameError.BAD_LEVELS;
        }
        publisher.book().resetHeader(instrumentId, false)
            .ids(first, last)
            .previousId(previous)
            .exchangeTimeNanos(eventTime);
        publisher.publishBook();
        return null;
    }

    /** Binance interval text ({@code 1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M}) without a String. */
    private CandleInterval interval(final char key)
    {
        if (payload.token(key) != JsonCursor.STRING)
        {
            return null;
        }
        final int length = payload.length(key);
        if (length < 2 || length > 3)
        {
            return null;
        }
        final int offset = payload.offset(key);
        final long count = VenueIds.parse(payload.buffer(), offset, length - 1);
        return BinanceIntervals.of(count, payload.buffer().getByte(offset + length - 1));
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
