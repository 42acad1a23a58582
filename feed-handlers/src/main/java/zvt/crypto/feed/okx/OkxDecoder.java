package zvt.crypto.feed.okx;

import org.agrona.DirectBuffer;
import zvt.crypto.core.candle.CandleIntervals;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.feed.book.BookFields;
import zvt.crypto.feed.book.LevelBuffer;
import zvt.crypto.feed.publish.CandleFields;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.publish.TopFields;
import zvt.crypto.feed.publish.TradeFields;
import zvt.crypto.feed.publish.VenueIds;
import zvt.crypto.feed.venue.FrameDecoder;

/**
 * Decodes OKX v5 public frames into the feed's publisher: {@code trades}/{@code trades-all} → Trade (oldest first),
 * {@code books}/{@code books-l2-tbt}/{@code books50-l2-tbt} → book messages for the book sync ({@code seqId} as the
 * message's id, {@code prevSeqId} as the id it follows, {@code checksum}), {@code bbo-tbt}/{@code books5} and
 * {@code tickers} → TopOfBook, {@code candle*} → Candle. The text frame {@code pong} and control replies
 * ({@code subscribe}, {@code unsubscribe}, {@code channel-conn-count}) are ignored; {@code error} replies go to
 * {@link FeedPublisher#venueError}; a {@code notice} (OKX announces a service upgrade with code 64008 before closing
 * its connections [recall]) makes the runner replace its connections. A frame of a channel or instrument this feed
 * does not follow is ignored. Everything is validated before anything is published.
 * <p>
 * Not thread-safe: one per feed, on its event loop; allocates nothing per frame.
 */
final class OkxDecoder implements FrameDecoder
{
    private static final byte[] PONG = OkxPayload.ascii("pong");
    private static final byte[] ERROR = OkxPayload.ascii("error");
    private static final byte[] NOTICE = OkxPayload.ascii("notice");
    private static final long NANOS_PER_MILLI = OkxPayload.NANOS_PER_MILLI;

    private final FeedPublisher publisher;
    private final OkxPayload payload;

    OkxDecoder(final FeedPublisher publisher)
    {
        this.publisher = publisher;
        this.payload = new OkxPayload(publisher, publisher.book().levels());
    }

    public void decode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (isPong(buffer, offset, length))
        {
            return;
        }
        if (!payload.parse(buffer, offset, length))
        {
            publisher.reject(OkxDecodeError.MALFORMED_JSON, buffer, offset, length);
            return;
        }
        if (payload.isEvent())
        {
            onEvent(buffer, offset, length);
            return;
        }
        final OkxChannel channel = payload.channel();
        final int instrumentId = payload.instrumentId();
        if (channel == null || !payload.hasData() || instrumentId == InstrumentRegistry.NO_INSTRUMENT)
        {
            return; // not a push of a channel and instrument this feed follows (or a reply to a REST-shaped probe)
        }
        if (payload.dataError() != null)
        {
            publisher.reject(payload.dataError(), buffer, offset, length);
            return;
        }
        switch (channel.kind())
        {
            case TRADES -> publishTrades(instrumentId);
            case BOOK -> publishBook(buffer, offset, length, instrumentId);
            case TOP_LEVELS -> publishTopLevels(instrumentId);
            case TICKER -> publishTicker(instrumentId);
            case CANDLE -> publishCandles(channel, instrumentId);
        }
    }

    private void onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        if (payload.eventEquals(ERROR))
        {
            publisher.venueError(buffer, offset, length);
        }
        else if (payload.eventEquals(NOTICE))
        {
            publisher.serverShutdown("okx notice: " + buffer.getStringWithoutLengthUtf8(offset, length));
        }
    }

    /** OKX numbers a symbol's trades in ascending order; a frame listing several newest first is published reversed. */
    private void publishTrades(final int instrumentId)
    {
        final OkxRows rows = payload.rows();
        final int count = rows.count();
        final boolean reversed = count > 1 && rows.id(0) > rows.id(count - 1) && rows.id(count - 1) != VenueIds.INVALID;
        final TradeFields trade = publisher.trade();
        for (int i = 0; i < count; i++)
        {
            final int row = reversed ? count - 1 - i : i;
            trade.instrumentId(instrumentId)
                .exchangeTimeNanos(rows.timeNanos(row))
                .aggressorSide(rows.side(row))
                .tradeId(payload.buffer(), rows.idOffset(row), rows.idLength(row));
            rows.decimal(row, 0, trade.price());
            rows.decimal(row, 1, trade.size());
            publisher.publishTrade();
        }
    }

    /**
     * A book message: the rule chains {@code prevSeqId} to the last {@code seqId}. The 2021-22 recordings (and any
     * stream without ids) carry neither: the message then has no ids at all, {@code NO_ID} follows {@code NO_ID}, so
     * such a stream is effectively unchained and only its checksum finds a gap (see {@link OkxAdapter#newBookRule}).
     */
    private void publishBook(final DirectBuffer buffer, final int offset, final int length, final int instrumentId)
    {
        final int action = payload.action();
        if (action != OkxPayload.ACTION_SNAPSHOT && action != OkxPayload.ACTION_UPDATE)
        {
            publisher.reject(OkxDecodeError.BAD_ACTION, buffer, offset, length);
            return;
        }
        final BookFields book = publisher.book().resetHeader(instrumentId, action == OkxPayload.ACTION_SNAPSHOT)
            .exchangeTimeNanos(payload.timeNanos());
        if (payload.seqId() != OkxPayload.NONE)
        {
            book.ids(BookFields.NO_ID, payload.seqId());
        }
        if (payload.prevSeqId() >= 0)
        {
            book.previousId(payload.prevSeqId());
        }
        if (payload.hasChecksum())
        {
            book.checksum(payload.checksum());
        }
        publisher.publishBook();
    }

    /** {@code bbo-tbt} and {@code books5}: the first level of each side is the best; a side without one is zero. */
    private void publishTopLevels(final int instrumentId)
    {
        final LevelBuffer levels = payload.levels();
        final TopFields top = publisher.top();
        top.bidPrice().set(0, 0);
        top.bidSize().set(0, 0);
        top.askPrice().set(0, 0);
        top.askSize().set(0, 0);
        boolean bid = false;
        boolean ask = false;
        for (int i = 0; i < levels.count(); i++)
        {
            if (!bid && levels.side(i) == Side.BUY)
            {
                bid = true;
                top.bidPrice().set(levels.price(i), levels.priceExponent(i));
                top.bidSize().set(levels.size(i), levels.sizeExponent(i));
            }
            else if (!ask && levels.side(i) == Side.SELL)
            {
                ask = true;
                top.askPrice().set(levels.price(i), levels.priceExponent(i));
                top.askSize().set(levels.size(i), levels.sizeExponent(i));
            }
        }
        top.instrumentId(instrumentId).exchangeTimeNanos(payload.timeNanos());
        if (payload.seqId() <= 0)
        {
            top.sequence(TopFields.NO_SEQUENCE);
        }
        else if (payload.prevSeqId() != OkxPayload.NONE && payload.seqId() < payload.prevSeqId())
        {
            top.restartedSequence(payload.seqId()); // OKX's documented reset after maintenance: seqId < prevSeqId
        }
        else
        {
            top.sequence(payload.seqId());
        }
        publisher.publishTop();
    }

    /** {@code tickers} has no sequence: quotes are ordered by exchange time. An empty price or size is zero. */
    private void publishTicker(final int instrumentId)
    {
        final TopFields top = publisher.top();
        top.bidPrice().set(payload.bidPrice().mantissa(), payload.bidPrice().exponent());
        top.bidSize().set(payload.bidSize().mantissa(), payload.bidSize().exponent());
        top.askPrice().set(payload.askPrice().mantissa(), payload.askPrice().exponent());
        top.askSize().set(payload.askSize().mantissa(), payload.askSize().exponent());
        top.instrumentId(instrumentId).exchangeTimeNanos(payload.timeNanos()).sequence(TopFields.NO_SEQUENCE);
        publisher.publishTop();
    }

    /**
     * Spot rows count {@code vol} in base currency and {@code volCcy} in quote; derivatives count {@code vol} in
     * contracts, {@code volCcy} in base and {@code volCcyQuote} in quote (as the REST kline client reads them). OKX
     * sends no event time; a 7-column row (2022) has no {@code confirm} and is taken as forming.
     */
    private void publishCandles(final OkxChannel channel, final int instrumentId)
    {
        final OkxRows rows = payload.rows();
        final boolean derivative = payload.isDerivative();
        final long length = CandleIntervals.nanos(channel.interval());
        for (int row = 0; row < rows.count(); row++)
        {
            final CandleFields candle = publisher.candle();
            final long open = rows.timeNanos(row);
            final boolean hasQuote = rows.decimals(row) > OkxRows.VOL_CCY_QUOTE;
            candle.instrumentId(instrumentId)
                .interval(channel.interval())
                .openTimeNanos(open)
                .closeTimeNanos(open + length - NANOS_PER_MILLI)
                .closed(rows.confirm(row) == 1);
            rows.decimal(row, OkxRows.OPEN, candle.open());
            rows.decimal(row, OkxRows.HIGH, candle.high());
            rows.decimal(row, OkxRows.LOW, candle.low());
            rows.decimal(row, OkxRows.CLOSE, candle.close());
            if (derivative)
            {
                rows.decimal(row, OkxRows.VOL_CCY, candle.volume());
                if (hasQuote)
                {
                    rows.decimal(row, OkxRows.VOL_CCY_QUOTE, candle.quoteVolume());
                }
            }
            else
            {
                rows.decimal(row, OkxRows.VOL, candle.volume());
                rows.decimal(row, hasQuote ? OkxRows.VOL_CCY_QUOTE : OkxRows.VOL_CCY, candle.quoteVolume());
            }
            publisher.publishCandle();
        }
    }

    private static boolean isPong(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != PONG.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != PONG[i])
            {
                return false;
            }
        }
        return true;
    }
}
