package zvt.crypto.feed.binance;

import com.lmax.disruptor.RingBuffer;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.AsciiSymbolTable;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.connection.DecodeErrorLog;
import zvt.crypto.feed.connection.FeedCounters;
import zvt.crypto.feed.connection.FrameAdapter;
import zvt.crypto.feed.book.SyncCounters;

import java.nio.charset.StandardCharsets;

/**
 * Every Binance spot stream of a connection, combined ({@code {"stream":..,"data":{..}}}) or raw: one pass over the
 * frame finds the payload fields ({@link BinancePayload}), then the event type routes it:
 * <ul>
 *     <li>{@code trade} → Trade; {@code aggTrade} → Trade (venue trade id = aggregate id);</li>
 *     <li>no type but {@code u b B a A} → bookTicker → TopOfBook;</li>
 *     <li>{@code kline} → Candle; {@code depthUpdate} → {@link BinanceDepthSync} (BookUpdate, gaps, resync);</li>
 *     <li>{@code serverShutdown} → the shutdown listener (the connection reconnects at once).</li>
 * </ul>
 * Trades, aggregate trades and book tickers whose id is not above the last one published for the instrument, and
 * kline updates not after the last one published for the instrument and interval (by event time, then open time:
 * a closing update and the next candle's first may share an event time), are dropped as duplicates (two connections
 * overlap while one replaces the other). Control replies, other events and
 * unsubscribed symbols are counted as ignored; malformed frames per {@link BinanceFrameError}. Never throws, and
 * allocates nothing per frame.
 * <p>
 * Not thread-safe: one instance per feed, called on its event loop (all of the feed's connections share it).
 */
public final class BinanceFrameAdapter implements FrameAdapter
{
    private static final Logger LOG = LoggerFactory.getLogger(BinanceFrameAdapter.class);
    private static final byte[] TRADE = ascii("trade");
    private static final byte[] AGG_TRADE = ascii("aggTrade");
    private static final byte[] KLINE = ascii("kline");
    private static final byte[] DEPTH_UPDATE = ascii("depthUpdate");
    private static final byte[] SERVER_SHUTDOWN = ascii("serverShutdown");

    private final EpochNanoClock clock;
    private final FeedCounters counters;
    private final SyncCounters syncCounters;
    private final DecodeErrorLog errors;
    private final AsciiSymbolTable symbols = new AsciiSymbolTable();
    private final BinancePayload payload = new BinancePayload();
    private final BinanceTradeDecoder trades;
    private final BinanceTradeDecoder aggTrades;
    private final BinanceBookTickerDecoder bookTickers;
    private final BinanceKlineDecoder klines;
    private final Long2LongHashMap lastTradeId = new Long2LongHashMap(-1);
    private final Long2LongHashMap lastAggTradeId = new Long2LongHashMap(-1);
    private final Long2LongHashMap lastTickerId = new Long2LongHashMap(-1);
    /** By {@link BinanceKlineDecoder#streamKey}: event time and open time (ms) of the last kline update published. */
    private final Long2LongHashMap lastKlineTime = new Long2LongHashMap(-1);
    private final Long2LongHashMap lastKlineOpenTime = new Long2LongHashMap(-1);
    private BinanceDepthSync depth;
    private Runnable shutdownListener = () -> {};
    private boolean venueErrorLogged;

    /**
     * @param ring         where events are published.
     * @param clock        stamps the receive time of each frame.
     * @param counters     events, ignored frames, decode errors.
     * @param syncCounters duplicates dropped (and the depth sync's counters).
     */
    public BinanceFrameAdapter(
        final RingBuffer<MarketEvent> ring,
        final EpochNanoClock clock,
        final FeedCounters counters,
        final SyncCounters syncCounters)
    {
        this.clock = clock;
        this.counters = counters;
        this.syncCounters = syncCounters;
        errors = new DecodeErrorLog("binance", BinanceFrameError.values(), counters);
        trades = new BinanceTradeDecoder(ring, BinanceTradeDecoder.TRADE_ID);
        aggTrades = new BinanceTradeDecoder(ring, BinanceTradeDecoder.AGGREGATE_TRADE_ID);
        bookTickers = new BinanceBookTickerDecoder(ring);
        klines = new BinanceKlineDecoder(ring);
    }

    /** Routes events whose field {@code s} is {@code venueSymbol} (e.g. {@code BTCUSDT}) to the instrument. */
    public BinanceFrameAdapter addSymbol(final String venueSymbol, final int instrumentId)
    {
        symbols.put(venueSymbol, instrumentId);
        return this;
    }

    /** Where depth updates go; without one they are ignored. */
    public BinanceFrameAdapter depthSync(final BinanceDepthSync depth)
    {
        this.depth = depth;
        return this;
    }

    /** Called (on the event loop) when Binance announces a server shutdown. */
    public BinanceFrameAdapter shutdownListener(final Runnable shutdownListener)
    {
        this.shutdownListener = shutdownListener;
        return this;
    }

    /** Rejected frames per {@link BinanceFrameError}; readable from any thread. */
    public DecodeErrorLog errors()
    {
        return errors;
    }

    public void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        final long receiveTimeNanos = clock.nanoTime();
        BinanceFrameError error = payload.parse(buffer, offset, length);
        if (error != null)
        {
            errors.record(error, buffer, offset, length);
            return;
        }
        if (payload.isString('e', SERVER_SHUTDOWN))
        {
            counters.incrementIgnored();
            LOG.info("binance announced a server shutdown; reconnecting now");
            shutdownListener.run();
            return;
        }
        final boolean trade = payload.isString('e', TRADE);
        final boolean aggTrade = !trade && payload.isString('e', AGG_TRADE);
        final boolean kline = !trade && !aggTrade && payload.isString('e', KLINE);
        final boolean depthUpdate = !trade && !aggTrade && !kline && payload.isString('e', DEPTH_UPDATE);
        final boolean bookTicker = payload.token('e') == BinancePayload.ABSENT &&
            BinanceBookTickerDecoder.isBookTicker(payload);
        if (!trade && !aggTrade && !kline && !depthUpdate && !bookTicker)
        {
            onNotMarketData(buffer, offset, length);
            return;
        }
        if (payload.token('s') == BinancePayload.ABSENT)
        {
            errors.record(BinanceFrameError.MISSING_SYMBOL, buffer, offset, length);
            return;
        }
        if (payload.token('s') != JsonCursor.STRING || payload.length('s') == 0)
        {
            errors.record(BinanceFrameError.BAD_SYMBOL, buffer, offset, length);
            return;
        }
        final int instrumentId = instrumentId();
        if (instrumentId == InstrumentRegistry.NO_INSTRUMENT || (depthUpdate && depth == null))
        {
            counters.incrementIgnored();
            return;
        }
        if (trade)
        {
            // Ids of more than 18 digits are not checked for duplicates (Binance's are far below that).
            final long tradeId = payload.id('t');
            if (tradeId >= 0 && isDuplicate(lastTradeId, instrumentId, tradeId))
            {
                return;
            }
            error = trades.decode(payload, instrumentId, receiveTimeNanos);
            if (error == null && tradeId >= 0)
            {
                lastTradeId.put(instrumentId, tradeId);
            }
        }
        else if (aggTrade)
        {
            final long aggId = payload.id('a');
            if (aggId >= 0 && isDuplicate(lastAggTradeId, instrumentId, aggId))
            {
                return;
            }
            error = aggTrades.decode(payload, instrumentId, receiveTimeNanos);
            if (error == null)
            {
                lastAggTradeId.put(instrumentId, aggId);
            }
        }
        else if (bookTicker)
        {
            final long updateId = payload.id('u');
            if (updateId >= 0 && isDuplicate(lastTickerId, instrumentId, updateId))
            {
                return;
            }
            error = bookTickers.decode(payload, instrumentId, receiveTimeNanos);
            if (error == null)
            {
                lastTickerId.put(instrumentId, updateId);
            }
        }
        else if (kline)
        {
            final long stream = BinanceKlineDecoder.streamKey(payload, instrumentId);
            final long eventTime = payload.id('E');
            final long openTime = payload.id(BinancePayload.klineKey('t'));
            if (stream >= 0 && eventTime >= 0 && openTime >= 0 && isDuplicateKline(stream, eventTime, openTime))
            {
                return;
            }
            error = klines.decode(payload, instrumentId, receiveTimeNanos);
            if (error == null)
            {
                lastKlineTime.put(stream, eventTime);
                lastKlineOpenTime.put(stream, openTime);
            }
        }
        else
        {
            error = depth.onDepth(payload, instrumentId, receiveTimeNanos, buffer, offset, length);
        }
        if (error != null)
        {
            errors.record(error, buffer, offset, length);
        }
        else
        {
            counters.incrementEvents();
        }
    }

    private int instrumentId()
    {
        return payload.token('s') == JsonCursor.STRING ?
            symbols.get(payload.buffer(), payload.offset('s'), payload.length('s')) : InstrumentRegistry.NO_INSTRUMENT;
    }

    /** @return true (counted) if {@code id} is not above the last one published for the instrument. */
    private boolean isDuplicate(final Long2LongHashMap lastIds, final int instrumentId, final long id)
    {
        return id <= lastIds.get(instrumentId) && countDuplicate();
    }

    /** @return true (counted) if the kline update is not after the last one published for its stream. */
    private boolean isDuplicateKline(final long stream, final long eventTime, final long openTime)
    {
        final long lastTime = lastKlineTime.get(stream);
        return (eventTime < lastTime || eventTime == lastTime && openTime <= lastKlineOpenTime.get(stream)) &&
            countDuplicate();
    }

    private boolean countDuplicate()
    {
        syncCounters.incrementDuplicates();
        counters.incrementIgnored();
        return true;
    }

    private void onNotMarketData(final DirectBuffer buffer, final int offset, final int length)
    {
        counters.incrementIgnored();
        if (payload.isVenueError() && !venueErrorLogged)
        {
            venueErrorLogged = true;
            LOG.warn("binance replied with an error (logged once): {}",
                buffer.getStringWithoutLengthUtf8(offset, Math.min(length, DecodeErrorLog.EXCERPT_LENGTH)));
        }
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
