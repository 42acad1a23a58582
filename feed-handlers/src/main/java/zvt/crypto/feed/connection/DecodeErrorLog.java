package zvt.crypto.feed.connection;

import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.agrona.concurrent.status.AtomicCounter;

import java.util.List;

/**
 * Counts rejected frames per reason (one registry counter each, from the feed's {@link FeedCounters}) and logs the
 * first frame of each reason, once, with an excerpt: a venue that sends garbage at full rate can neither flood the
 * log nor cost an allocation per frame after the first.
 * <p>
 * Written by the adapter's thread only; counts may be read from any thread.
 */
public final class DecodeErrorLog
{
    /** Longest excerpt of a rejected frame put in the log. */
    public static final int EXCERPT_LENGTH = 256;

    private static final Logger LOG = LoggerFactory.getLogger(DecodeErrorLog.class);

    private final String source;
    private final DecodeError[] reasons;
    private final AtomicCounter[] counts;
    private final boolean[] logged;

    /**
     * @param source   who decodes, for the log line (e.g. {@code "binance trade"}).
     * @param reasons  every reason, indexed by ordinal (an enum's {@code values()}).
     * @param counters the feed's counters, which hold one counter per reason.
     */
    public DecodeErrorLog(final String source, final DecodeError[] reasons, final FeedCounters counters)
    {
        this.source = source;
        this.reasons = reasons.clone();
        counts = new AtomicCounter[reasons.length];
        for (final DecodeError reason : reasons)
        {
            counts[reason.ordinal()] = counters.decodeErrorCounter(reason);
        }
        logged = new boolean[reasons.length];
    }

    /** Counts the rejection of the frame at {@code offset}; logs it if it is the first with this reason. */
    public void record(final DecodeError reason, final DirectBuffer buffer, final int offset, final int length)
    {
        final int index = reason.ordinal();
        counts[index].incrementRelease();
        if (!logged[index])
        {
            logged[index] = true;
            final int excerptLength = Math.min(length, EXCERPT_LENGTH);
            LOG.warn("{}: rejected frame ({}: {}); counted, further frames with this reason are not logged. " +
                "Frame ({} bytes): {}{}", source, reason.name(), reason.description(), length,
                buffer.getStringWithoutLengthUtf8(offset, excerptLength), excerptLength < length ? "..." : "");
        }
    }

    /** Every reason this decoder counts. */
    public List<DecodeError> reasons()
    {
        return List.of(reasons);
    }

    public long count(final DecodeError reason)
    {
        return counts[reason.ordinal()].get();
    }
}
