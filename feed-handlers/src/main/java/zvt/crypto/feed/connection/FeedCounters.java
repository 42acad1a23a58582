package zvt.crypto.feed.connection;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one venue feed has done since it started. Every counter has a single writer at a time (the feed's event loop:
 * the connection and its adapter run there), so increments are plain-read, release-write; any thread may read them.
 */
public final class FeedCounters
{
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong frameBytes = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong decodeErrors = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();

    /** WebSocket data frames (text or binary) handed to the adapter. */
    public long frames()
    {
        return frames.get();
    }

    /**
     * Market-data frames decoded and accepted: published into the ring, or, for order-book diffs, held while the
     * book resyncs or dropped as already applied (see the feed's sync counters).
     */
    public long events()
    {
        return events.get();
    }

    /** Frames understood but not published: control replies, other event types, symbols not subscribed. */
    public long ignored()
    {
        return ignored.get();
    }

    /** Frames rejected as malformed; see the adapter's {@link DecodeErrorLog} for the count per reason. */
    public long decodeErrors()
    {
        return decodeErrors.get();
    }

    /** Reconnect attempts scheduled after a lost connection or a failed attempt. */
    public long reconnects()
    {
        return reconnects.get();
    }

    /** Sessions opened (WebSocket handshakes completed). */
    public long connections()
    {
        return connections.get();
    }

    /** Payload bytes of those frames. */
    public long frameBytes()
    {
        return frameBytes.get();
    }

    /** One data frame of {@code bytes} payload bytes. */
    public void recordFrame(final int bytes)
    {
        increment(frames);
        frameBytes.setRelease(frameBytes.getPlain() + bytes);
    }

    public void incrementEvents()
    {
        increment(events);
    }

    public void incrementIgnored()
    {
        increment(ignored);
    }

    public void incrementDecodeErrors()
    {
        increment(decodeErrors);
    }

    public void incrementReconnects()
    {
        increment(reconnects);
    }

    public void incrementConnections()
    {
        increment(connections);
    }

    public String toString()
    {
        return "frames=" + frames() + " events=" + events() + " ignored=" + ignored() + " decodeErrors=" +
            decodeErrors() + " reconnects=" + reconnects() + " connections=" + connections();
    }

    private static void increment(final AtomicLong counter)
    {
        counter.setRelease(counter.getPlain() + 1);
    }
}
