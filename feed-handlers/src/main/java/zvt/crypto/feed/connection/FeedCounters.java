package zvt.crypto.feed.connection;

import org.agrona.concurrent.status.AtomicCounter;
import zvt.crypto.core.counters.CountersRegistry;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What one venue feed has done since it started: a typed view over its counters in the node's
 * {@link CountersRegistry}, labelled with the venue. Every counter has a single writer at a time (the feed's event
 * loop: the connection and its adapter run there), so increments are release stores; any thread may read them.
 */
public final class FeedCounters
{
    private final CountersRegistry registry;
    private final String venue;
    private final AtomicCounter frames;
    private final AtomicCounter frameBytes;
    private final AtomicCounter events;
    private final AtomicCounter ignored;
    private final AtomicCounter reconnects;
    private final AtomicCounter connections;
    /** By reason label, allocated as the feed's decoders are built. */
    private final ConcurrentHashMap<String, AtomicCounter> decodeErrors = new ConcurrentHashMap<>();

    /** @param venue the venue's config name, the {@code venue} label. */
    public FeedCounters(final CountersRegistry registry, final String venue)
    {
        this.registry = registry;
        this.venue = venue;
        frames = registry.counter("zvt_feed_frames", "WebSocket data frames received", "venue", venue);
        frameBytes = registry.counter("zvt_feed_received_bytes", "payload bytes of the data frames received",
            "venue", venue);
        events = registry.counter("zvt_feed_events", "market-data frames decoded and accepted", "venue", venue);
        ignored = registry.counter("zvt_feed_ignored_frames",
            "frames understood but not published (control replies, other types)", "venue", venue);
        reconnects = registry.counter("zvt_feed_reconnects",
            "reconnects scheduled after a lost connection or failed attempt", "venue", venue);
        connections = registry.counter("zvt_feed_connections", "WebSocket sessions opened", "venue", venue);
    }

    /** The counter of frames rejected for this reason; allocated when the first decoder that needs it is built. */
    AtomicCounter decodeErrorCounter(final DecodeError reason)
    {
        return decodeErrors.computeIfAbsent(reason.label(), label -> registry.counter("zvt_feed_decode_errors",
            "frames rejected as malformed, by reason", "venue", venue, "reason", label));
    }

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

    /** Frames rejected as malformed, every reason; see the adapter's {@link DecodeErrorLog} for each reason. */
    public long decodeErrors()
    {
        long total = 0;
        for (final AtomicCounter counter : decodeErrors.values())
        {
            total += counter.get();
        }
        return total;
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
        frames.incrementRelease();
        frameBytes.getAndAddRelease(bytes);
    }

    public void incrementEvents()
    {
        events.incrementRelease();
    }

    public void incrementIgnored()
    {
        ignored.incrementRelease();
    }

    public void incrementReconnects()
    {
        reconnects.incrementRelease();
    }

    public void incrementConnections()
    {
        connections.incrementRelease();
    }

    public String toString()
    {
        return CountersRegistry.describe(frames, frameBytes, events, ignored, reconnects, connections) +
            " decodeErrors=" + decodeErrors();
    }
}
