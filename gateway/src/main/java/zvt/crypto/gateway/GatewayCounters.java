package zvt.crypto.gateway;

import zvt.crypto.core.latency.HopLatency;
import zvt.crypto.gateway.auth.AuthRefusal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the gateway has done, readable from any thread (ops tools, tests, metrics).
 * <p>
 * Writers: sessions and rejections are recorded by Netty event loops (many writers, atomic increments);
 * messages sent and slow-consumer disconnects by the fan-out ring thread alone (single writer, ordered stores that
 * cost no more than a plain store on the hot path).
 */
public final class GatewayCounters
{
    private static final Rejection[] REJECTIONS = Rejection.values();
    private static final AuthRefusal[] AUTH_REFUSALS = AuthRefusal.values();

    private final AtomicLong sessionsOpened = new AtomicLong();
    private final AtomicLong sessionsClosed = new AtomicLong();
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong slowConsumerDisconnects = new AtomicLong();
    private final AtomicLong unrenderableEvents = new AtomicLong();
    private final AtomicLong subscriptions = new AtomicLong();
    private final AtomicLong conflatedMessages = new AtomicLong();
    private final AtomicLongArray rejections = new AtomicLongArray(REJECTIONS.length);
    private final AtomicLongArray authRefusals = new AtomicLongArray(AUTH_REFUSALS.length);
    /** REST responses by route template and status code; REST is off the market-data path, so a map is fine. */
    private final ConcurrentHashMap<RestResponseKey, LongAdder> restResponses = new ConcurrentHashMap<>();
    private final HopLatency restLatency = new HopLatency("rest");
    /** The ohlcv route's cache of rendered candles, per block of bars: found, read from the database, evicted. */
    private final LongAdder restCacheHits = new LongAdder();
    private final LongAdder restCacheMisses = new LongAdder();
    private final LongAdder restCacheEvictions = new LongAdder();

    /** A REST route template ({@code unmatched} for a path no route serves) and a response status code. */
    public record RestResponseKey(String route, int status)
    {
    }

    /**
     * Any thread: the event loop or a query thread that answered.
     *
     * @param nanos from the request's arrival to its response being handed to Netty.
     */
    public void recordRestResponse(final String route, final int status, final long nanos)
    {
        restResponses.computeIfAbsent(new RestResponseKey(route, status), key -> new LongAdder()).increment();
        restLatency.record(nanos);
    }

    /** REST request durations, every route. */
    public HopLatency restLatency()
    {
        return restLatency;
    }

    /** Any query thread: a block of candles answered from the cache. */
    public void recordRestCacheHit()
    {
        restCacheHits.increment();
    }

    /** Any query thread: a block of candles not cached (or expired), read from the database. */
    public void recordRestCacheMiss()
    {
        restCacheMisses.increment();
    }

    /** A cached block of candles dropped to stay within the cache's byte budget. */
    public void recordRestCacheEviction()
    {
        restCacheEvictions.increment();
    }

    public long restCacheHits()
    {
        return restCacheHits.sum();
    }

    public long restCacheMisses()
    {
        return restCacheMisses.sum();
    }

    public long restCacheEvictions()
    {
        return restCacheEvictions.sum();
    }

    /** @return REST responses so far by route and status (a copy). */
    public Map<RestResponseKey, Long> restResponses()
    {
        final Map<RestResponseKey, Long> copy = new HashMap<>();
        restResponses.forEach((key, count) -> copy.put(key, count.sum()));
        return copy;
    }

    public void recordSessionOpened()
    {
        sessionsOpened.incrementAndGet();
    }

    public void recordSessionClosed()
    {
        sessionsClosed.incrementAndGet();
    }

    /** Single writer: the fan-out thread. */
    public void recordMessagesSent(final long count)
    {
        messagesSent.setRelease(messagesSent.getPlain() + count);
    }

    /** Single writer: the fan-out thread, which owns the subscriptions. */
    public void recordSubscriptions(final long delta)
    {
        subscriptions.setRelease(subscriptions.getPlain() + delta);
    }

    /** Single writer: the fan-out thread. A state message held back from a lagging session (its latest follows). */
    public void recordConflatedMessage()
    {
        conflatedMessages.setRelease(conflatedMessages.getPlain() + 1);
    }

    /** @return subscriptions held by open sessions (a wildcard counts once). */
    public long subscriptions()
    {
        return subscriptions.get();
    }

    /** @return top and book messages held back from lagging sessions, each replaced by the latest state later. */
    public long conflatedMessages()
    {
        return conflatedMessages.get();
    }

    /** Any thread: the fan-out, and sessions whose replay stalled. Rare, so an atomic increment. */
    public void recordSlowConsumerDisconnect()
    {
        slowConsumerDisconnects.incrementAndGet();
    }

    /**
     * Single writer: the fan-out thread.
     *
     * @return the count so far, this one included (1 means the first).
     */
    public long recordUnrenderableEvent()
    {
        final long count = unrenderableEvents.getPlain() + 1;
        unrenderableEvents.setRelease(count);
        return count;
    }

    /**
     * @return how many rejections of this kind there have been, this one included (1 means first of its kind).
     */
    public long recordRejection(final Rejection rejection)
    {
        return rejections.incrementAndGet(rejection.ordinal());
    }

    /**
     * A handshake or REST request refused for its origin, credential or key limits.
     *
     * @return how many refusals of this kind there have been, this one included (1 means first of its kind).
     */
    public long recordAuthRefusal(final AuthRefusal refusal)
    {
        return authRefusals.incrementAndGet(refusal.ordinal());
    }

    /** WebSocket sessions currently open (handshake completed, not yet closed). */
    public long sessionsOpen()
    {
        return sessionsOpened.get() - sessionsClosed.get();
    }

    /** WebSocket sessions opened since start. */
    public long sessionsOpened()
    {
        return sessionsOpened.get();
    }

    /** Event messages written to sessions (one per event per subscribed session). */
    public long messagesSent()
    {
        return messagesSent.get();
    }

    public long slowConsumerDisconnects()
    {
        return slowConsumerDisconnects.get();
    }

    /** Ring events with subscribers that could not be rendered (not of this schema); skipped. */
    public long unrenderableEvents()
    {
        return unrenderableEvents.get();
    }

    /** Client requests refused, all kinds. */
    public long rejectedRequests()
    {
        long total = 0;
        for (int i = 0; i < REJECTIONS.length; i++)
        {
            total += rejections.get(i);
        }
        return total;
    }

    public long rejectedRequests(final Rejection rejection)
    {
        return rejections.get(rejection.ordinal());
    }

    /** Handshakes and REST requests refused for origin, credential or key limits, all kinds. */
    public long authRefusals()
    {
        long total = 0;
        for (int i = 0; i < AUTH_REFUSALS.length; i++)
        {
            total += authRefusals.get(i);
        }
        return total;
    }

    public long authRefusals(final AuthRefusal refusal)
    {
        return authRefusals.get(refusal.ordinal());
    }

    public String toString()
    {
        return "GatewayCounters{sessionsOpen=" + sessionsOpen() +
            ", sessionsOpened=" + sessionsOpened() +
            ", messagesSent=" + messagesSent() +
            ", slowConsumerDisconnects=" + slowConsumerDisconnects() +
            ", rejectedRequests=" + rejectedRequests() +
            ", authRefusals=" + authRefusals() +
            ", unrenderableEvents=" + unrenderableEvents() + '}';
    }
}
