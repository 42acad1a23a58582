package zvt.crypto.gateway.fanout;

import java.util.function.LongConsumer;

import org.agrona.DirectBuffer;
import org.agrona.collections.LongHashSet;
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
 *       traded in the batch, with the journal index of the batch's last event, the event after which it is sent.</li>
 * </ul>
 * So a derived message carries the index of the event that triggered it, and the indexes a session receives never
 * decrease (docs/PROTOCOL.md): a forming bar sent with its last trade's index would go out after the book and top
 * messages of that batch with a lower index than theirs, and a client resuming from the highest index it saw would
 * replay them.
 * Only candle keys with subscribers are encoded and delivered.
 * <p>
 * Allocation-free per trade once each instrument has its bars and the batch map has grown to its working size.
 * Fan-out thread only, except {@link #prime}, which runs before the ring starts.
 */
final class LiveCandlePublisher
{
    /**
     * The fan-out's one path to subscribers: render an encoded event once, frame it once, write it to each subscriber
     * of the key (and of its venue's wildcard).
     */
    @FunctionalInterface
    interface Delivery
    {
        void deliver(DirectBuffer event, int offset, int length, long journalIndex, long key);
    }

    private static final int CANDLE_TEMPLATE_ID = EventType.CANDLE.templateId();

    private final SubscriptionRegistry registry;
    private final Delivery delivery;
    private final TradeCandles candles = new TradeCandles(this::onClosed);
    private final CandleBar forming = new CandleBar();
    private final UnsafeBuffer encoded =
        new UnsafeBuffer(new byte[MessageHeaderEncoder.ENCODED_LENGTH + CandleEncoder.BLOCK_LENGTH]);
    /** Candle keys of the instruments traded in this batch. */
    private final LongHashSet tradedInBatch = new LongHashSet();
    private final LongConsumer deliverForming = this::deliverForming;
    /** Journal index of the last journaled event seen: the trigger of whatever is delivered now. */
    private long journalIndex = MarketEvent.NO_JOURNAL_INDEX;

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
        this.journalIndex = journalIndex;
        if (candles.onEvent(buffer, offset))
        {
            tradedInBatch.add(candleKey(EventView.instrumentId(buffer, offset), EventView.venueCode(buffer, offset)));
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
        if (!tradedInBatch.isEmpty())
        {
            try
            {
                tradedInBatch.forEachLong(deliverForming);
            }
            finally
            {
                tradedInBatch.clear();
            }
        }
    }

    private void deliverForming(final long candleKey)
    {
        if (subscribed(candleKey, CandleInterval.M1) &&
            candles.live(SubscriptionKey.instrumentId(candleKey), CandleInterval.M1, forming) != null)
        {
            deliver(forming, candleKey);
        }
    }

    private void onClosed(final CandleBar bar)
    {
        final long candleKey = candleKey(bar.instrumentId(), bar.venue().value());
        if (subscribed(candleKey, bar.interval()))
        {
            deliver(bar, candleKey);
        }
    }

    /** @return true if anyone wants the interval's bars: on the candle channel, or on that interval's alone. */
    private boolean subscribed(final long candleKey, final CandleInterval interval)
    {
        return registry.hasSubscribers(candleKey) || registry.hasSubscribers(intervalKey(candleKey, interval));
    }

    /** Encodes the bar once and delivers it on the candle channel and on its interval's. */
    private void deliver(final CandleBar bar, final long candleKey)
    {
        bar.encode(encoded, 0);
        delivery.deliver(encoded, 0, encoded.capacity(), journalIndex, candleKey);
        delivery.deliver(encoded, 0, encoded.capacity(), journalIndex, intervalKey(candleKey, bar.interval()));
    }

    private static long intervalKey(final long candleKey, final CandleInterval interval)
    {
        return SubscriptionKey.candleIntervalKey(
            SubscriptionKey.instrumentId(candleKey), SubscriptionKey.venueCode(candleKey), interval);
    }

    private static long candleKey(final int instrumentId, final int venueCode)
    {
        return SubscriptionKey.of(instrumentId, venueCode, CANDLE_TEMPLATE_ID);
    }
}
