package zvt.crypto.persistence.backfill;

import org.agrona.DirectBuffer;
import zvt.crypto.core.candle.CandleIntervals;
import zvt.crypto.core.codec.CandleDecoder;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.CandleSource;
import zvt.crypto.core.codec.MessageHeaderDecoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalReader;

import java.util.concurrent.TimeUnit;

/**
 * Finds where a backfill resumes: the open time of the last Candle event with source REST journaled for a venue,
 * instrument and interval. The journal is the only record of progress, so a run interrupted at any point (even by
 * SIGKILL, losing what was still in the ring) resumes right after what is durably there. Reads the whole journal
 * once; a loader journal holds candles only, so this is quick. Stateless; thread-safe.
 */
public final class RestCandleResumePoint
{
    public static final long NONE = Long.MIN_VALUE;

    private RestCandleResumePoint()
    {
    }

    /** @return the open time (epoch ms) of the last matching REST candle, or {@link #NONE}. */
    public static long lastOpenTimeMs(
        final Journal journal, final Venue venue, final int instrumentId, final CandleInterval interval)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final CandleDecoder candle = new CandleDecoder();
        final long[] last = {NONE};
        try (JournalReader reader = journal.newReader())
        {
            reader.toStart();
            while (reader.readNext((final DirectBuffer buffer, final int offset, final int length, final long index) ->
            {
                header.wrap(buffer, offset);
                if (header.templateId() != CandleDecoder.TEMPLATE_ID || header.schemaId() != CandleDecoder.SCHEMA_ID)
                {
                    return;
                }
                candle.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
                    header.version());
                if (candle.source() == CandleSource.REST && candle.venue() == venue &&
                    candle.instrumentId() == instrumentId && candle.interval() == interval)
                {
                    last[0] = Math.max(last[0], TimeUnit.NANOSECONDS.toMillis(candle.openTimeNanos()));
                }
            }))
            {
                // the listener does the work
            }
        }
        return last[0];
    }

    /** @return where to start: {@code fromMs}, or the bucket after the last journaled one if that is later. */
    public static long resumeFromMs(
        final Journal journal, final Venue venue, final int instrumentId, final CandleInterval interval,
        final long fromMs)
    {
        final long last = lastOpenTimeMs(journal, venue, instrumentId, interval);
        return last == NONE ? fromMs : Math.max(fromMs, last + CandleIntervals.millis(interval));
    }
}
