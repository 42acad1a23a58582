package zvt.crypto.ops.launch;

import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.candle.CandleIntervals;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.event.EventType;
import zvt.crypto.gateway.fanout.FanoutEventHandler;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.replay.JournalReplayer;
import zvt.crypto.journal.replay.ReplayFilter;
import zvt.crypto.journal.replay.ReplayResult;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Gives the gateway's live candles back what a restart took from them: before the ring starts, the trades journaled
 * since 00:00 UTC today go through the fan-out's candles, so the first bars it serves, up to the 1d bar, include the
 * trades from before the restart. Nothing is sent to clients meanwhile.
 */
final class GatewayCandlePriming
{
    private static final Logger LOG = LoggerFactory.getLogger(GatewayCandlePriming.class);

    private GatewayCandlePriming()
    {
    }

    /**
     * Replays today's trades (by receive time, which is what the journal seeks by) into {@code fanout}; call before
     * its ring starts, on the thread that starts it.
     *
     * @return the number of trades primed.
     */
    static long primeFromStartOfDay(final Journal journal, final FanoutEventHandler fanout, final EpochNanoClock clock)
    {
        final long startOfDay = CandleIntervals.bucketStart(clock.nanoTime(), CandleInterval.D1);
        final ReplayResult replay = new JournalReplayer(journal)
            .filter(ReplayFilter.all().from(startOfDay).types(List.of(EventType.TRADE)))
            .replay((buffer, offset, length, index) -> fanout.primeCandles(buffer, offset));
        LOG.info("gateway candles primed with {} trades journaled since {} in {} ms", replay.delivered(),
            Instant.ofEpochSecond(0, startOfDay), TimeUnit.NANOSECONDS.toMillis(replay.elapsedNanos()));
        return replay.delivered();
    }
}
