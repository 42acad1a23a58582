package zvt.crypto.gateway.fanout;

import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongLongConsumer;
import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.candle.CandleBar;
import zvt.crypto.core.candle.TradeCandles;
import zvt.crypto.core.codec.CandleEncoder;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;
import zvt.crypto.core.event.MarketEvent;

/**
 * The gateway's candles built from trades, sent on the "candle" channel as Candle events with source "trades". Every
 * journaled trade goes through one {@link TradeCandles}, subscribed to or not, so its bars are always complete:
 * <ul>
 *   <li>a closed bar (1m, 5m, 15m, 1h, 1d) is delivered at once, with the journal index of the trade that closed
 *       it;</li>
 *   <li>the forming 1m bar is conflated per ring batch: {@link #endOfBatch()} delivers it once for each instrument
 *       traded in the batch, with the journal index of the instrument's last trade in it.</li>
 * </ul>
 * Only candle keys with subscribers are encoded and delivered.
 * <p>
 * Allocation-free per trade once each instrument has its bars and the batch map has grown to its working size.
 * Fan-out thread only, except {@link #prime}, which runs before the ring starts.
 */
final class LiveCandlePublisher
{
    /** The fan-out's one path to subscribers: render an encoded event once, frame it once, write it to each. */
    @FunctionalInterface
    interface Delivery
    {
        void deliver(DirectBuffer event, int offset, long journalIndex, SubscriberList subscribers);
    }

    private static final int CANDLE_TEMPLATE_ID = EventType.CANDLE.templateId();

    private final SubscriptionRegistry registry;
    private final Delivery delivery;
    private final TradeCandles candles = new TradeCandles(this::onClosed);
    private final CandleBar forming = new CandleBar();
    private final UnsafeBuffer encoded =
        new UnsafeBuffer(new byte[MessageHeaderEncoder.ENCODED_LENGTH + CandleEncoder.BLOCK_LENGTH]);
    /** Candle key of each instrument traded in this batch → journal index of its last trade in it. */
    private final Long2LongHashMap lastTradeInBatch = new Long2LongHashMap(MarketEvent.NO_JOURNAL_INDEX);
    private final LongLongConsumer deliverForming = this::deliverForming;
    private long tradeJournalIndex;

    LiveCandlePublisher(final SubscriptionRegistry registry, final Delivery delivery)
    {
        this.registry = registry;
        this.delivery = delivery;
    }

    /** Aggregates the event if it is a trade; delivers the bars it closes. */
    void onEvent(final DirectBuffer buffer, final int offset, final long journalIndex)
    {
        // A trade the journal failed to append is left out: the bars must be what a replay of the journal gives.
        if (journalIndex == MarketEvent.NO_JOURNAL_INDEX)
        {
            return;
        }
        tradeJournalIndex = journalIndex;
        if (candles.onEvent(buffer, offset))
        {
            lastTradeInBatch.put(
                candleKey(EventView.instrumentId(buffer, offset), EventView.venueCode(buffer, offset)), journalIndex);
        }
    }

    /**
     * Aggregates a journaled event, delivering nothing: nobody can be subscribed before the ring starts, since
     * subscriptions are applied on the ring thread.
     *
     * @return true when the event was a trade.
     */
    boolean prime(final DirectBuffer buffer, final int offset)
    {
        return candles.onEvent(buffer, offset);
    }

    /** Delivers the forming 1m bar of each instrument traded in the batch now ending. */
    void endOfBatch()
    {
        if (!lastTradeInBatch.isEmpty())
        {
            try
            {
                lastTradeInBatch.forEachLong(deliverForming);
            }
            finally
            {
                lastTradeInBatch.clear();
            }
        }
    }

    private void deliverForming(final long candleKey, final long journalIndex)
    {
        final SubscriberList subscribers = registry.subscribers(candleKey);
        if (subscribers != null &&
            candles.live(SubscriptionKey.instrumentId(candleKey), CandleInterval.M1, forming) != null)
        {
            deliver(forming, journalIndex, subscribers);
        }
    }

    private void onClosed(final CandleBar bar)
    {
        final SubscriberList subscribers = registry.subscribers(candleKey(bar.instrumentId(), bar.venue().value()));
        if (subscribers != null)
        {
            deliver(bar, tradeJournalIndex, subscribers);
        }
    }

    private void deliver(final CandleBar bar, final long journalIndex, final SubscriberList subscribers)
    {
        bar.encode(encoded, 0);
        delivery.deliver(encoded, 0, journalIndex, subscribers);
    }

    private static long candleKey(final int instrumentId, final int venueCode)
    {
        return SubscriptionKey.of(instrumentId, venueCode, CANDLE_TEMPLATE_ID);
    }
}
