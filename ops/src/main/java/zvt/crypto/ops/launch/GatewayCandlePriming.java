package zvt.crypto.ops.launch;

import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.candle.CandleIntervals;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;
import zvt.crypto.gateway.fanout.FanoutEventHandler;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.replay.JournalReplayer;
import zvt.crypto.journal.replay.ReplayFilter;
import zvt.crypto.journal.replay.ReplayResult;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Gives the gateway's live candles back what a restart took from them: before the ring starts, today's trades (exchange
 * time since 00:00 UTC) go through the fan-out's candles, so the first bars it serves, up to the 1d bar, include the
 * trades from before the restart. Nothing is sent to clients meanwhile.
 */
final class GatewayCandlePriming
{
    private static final Logger LOG = LoggerFactory.getLogger(GatewayCandlePriming.class);
    /**
     * The journal seeks by receive time: start reading this much before midnight, so a trade received just before it
     * with an exchange time after it (clocks a little apart) is primed too.
     */
    private static final long RECEIVED_BEFORE_MIDNIGHT_NANOS = TimeUnit.MINUTES.toNanos(1);

    private GatewayCandlePriming()
    {
    }

    /**
     * Replays today's trades into {@code fanout}; call before its ring starts, on the thread that starts it. Trades of
     * yesterday are left out, or their bars, partly rebuilt, would be sent as they close.
     *
     * @return the number of trades primed.
     */
    static long primeFromStartOfDay(final Journal journal, final FanoutEventHandler fanout, final EpochNanoClock clock)
    {
        final long startOfDay = CandleIntervals.bucketStart(clock.nanoTime(), CandleInterval.D1);
        final long[] primed = {0};
        final ReplayResult replay = new JournalReplayer(journal)
            .filter(ReplayFilter.all().from(startOfDay - RECEIVED_BEFORE_MIDNIGHT_NANOS).types(List.of(EventType.TRADE)))
            .replay((buffer, offset, length, index) ->
            {
                if (EventView.exchangeTimeNanos(buffer, offset) >= startOfDay)
                {
                    fanout.primeCandles(buffer, offset);
                    primed[0]++;
                }
            });
        LOG.info("gateway candles primed with {} trades of the day since {} in {} ms", primed[0],
            Instant.ofEpochSecond(0, startOfDay), TimeUnit.NANOSECONDS.toMillis(replay.elapsedNanos()));
        return primed[0];
    }
}
