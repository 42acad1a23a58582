package zvt.crypto.gateway;

import org.agrona.concurrent.status.AtomicCounter;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.latency.HopLatency;
import zvt.crypto.gateway.auth.AuthRefusal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What the gateway has done: a typed view over its counters in the node's {@link CountersRegistry}, readable from any
 * thread (ops tools, tests, {@code /health}, metrics).
 * <p>
 * Writers: sessions and rejections are recorded by Netty event loops (many writers, atomic increments);
 * messages sent, subscriptions and conflations by the fan-out ring thread alone (single writer, release stores that
 * cost no more than a plain store on the hot path).
 */
public final class GatewayCounters
{
    private final CountersRegistry registry;
    private final AtomicCounter sessionsOpen;
    private final AtomicCounter sessionsOpened;
    private final AtomicCounter messagesSent;
    private final AtomicCounter slowConsumerDisconnects;
    private final AtomicCounter unrenderableEvents;
    private final AtomicCounter subscriptions;
    private final AtomicCounter conflatedMessages;
    private final AtomicCounter[] rejections;
    private final AtomicCounter[] authRefusals;
    /**
     * REST responses by route template and status code, allocated when first met: off the market-data path, and
     * bounded by the API's route templates ({@code unmatched} for the rest) times the statuses it answers with.
     */
    private final ConcurrentHashMap<RestResponseKey, AtomicCounter> restResponses = new ConcurrentHashMap<>();
    private final HopLatency restLatency = new HopLatency("rest");
    /** The ohlcv route's cache of rendered candles, per block of bars: found, read from the database, evicted. */
    private final AtomicCounter restCacheHits;
    private final AtomicCounter restCacheMisses;
    private final AtomicCounter restCacheEvictions;

    /** A REST route template ({@code unmatched} for a path no route serves) and a response status code. */
    private record RestResponseKey(String route, int status)
    {
    }

    public GatewayCounters(final CountersRegistry registry)
    {
        this.registry = registry;
        sessionsOpen = registry.gauge("zvt_gateway_sessions", "WebSocket sessions open");
        sessionsOpened = registry.counter("zvt_gateway_sessions_opened", "WebSocket sessions opened");
        messagesSent = registry.counter("zvt_gateway_messages_sent", "messages handed to sessions");
        subscriptions = registry.gauge("zvt_gateway_subscriptions", "subscriptions held by open sessions");
        conflatedMessages = registry.counter("zvt_gateway_conflated_messages",
            "top and book messages held back from lagging sessions (the latest state follows)");
        slowConsumerDisconnects = registry.counter("zvt_gateway_disconnects",
            "sessions closed by the gateway, by reason", "reason", "slow_consumer");
        unrenderableEvents = registry.counter("zvt_gateway_unrenderable_events",
            "ring events with subscribers that could not be rendered (not of this schema); skipped");
        restCacheHits = restCacheBlocks(registry, "hit");
        restCacheMisses = restCacheBlocks(registry, "miss");
        restCacheEvictions = restCacheBlocks(registry, "eviction");
        final Rejection[] rejectionKinds = Rejection.values();
        rejections = new AtomicCounter[rejectionKinds.length];
        for (final Rejection rejection : rejectionKinds)
        {
            // Several rejections share a wire code; the registry's readers sum their counters.
            rejections[rejection.ordinal()] = registry.counter("zvt_gateway_rejections",
                "control requests refused, by code", "reason", rejection.code());
        }
        final AuthRefusal[] refusalKinds = AuthRefusal.values();
        authRefusals = new AtomicCounter[refusalKinds.length];
        for (final AuthRefusal refusal : refusalKinds)
        {
            authRefusals[refusal.ordinal()] = registry.counter("zvt_gateway_auth_refusals",
                "connections and requests refused by auth", "reason", refusal.code());
        }
    }

    /**
     * Any thread: the event loop or a query thread that answered.
     *
     * @param nanos from the request's arrival to its response being handed to Netty.
     */
    public void recordRestResponse(final String route, final int status, final long nanos)
    {
        restResponses.computeIfAbsent(new RestResponseKey(route, status), key -> registry.counter(
            "zvt_gateway_rest_responses", "REST responses by route and status",
            "route", route, "status", Integer.toString(status))).increment();
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
        return restCacheHits.get();
    }

    public long restCacheMisses()
    {
        return restCacheMisses.get();
    }

    public long restCacheEvictions()
    {
        return restCacheEvictions.get();
    }

    public void recordSessionOpened()
    {
        sessionsOpened.increment();
        sessionsOpen.increment();
    }

    public void recordSessionClosed()
    {
        sessionsOpen.decrement();
    }

    /** Single writer: the fan-out thread. */
    public void recordMessagesSent(final long count)
    {
        messagesSent.getAndAddRelease(count);
    }

    /** Single writer: the fan-out thread, which owns the subscriptions. */
    public void recordSubscriptions(final long delta)
    {
        subscriptions.getAndAddRelease(delta);
    }

    /** Single writer: the fan-out thread. A state message held back from a lagging session (its latest follows). */
    public void recordConflatedMessage()
    {
        conflatedMessages.incrementRelease();
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
        slowConsumerDisconnects.increment();
    }

    /**
     * Single writer: the fan-out thread.
     *
     * @return the count so far, this one included (1 means the first).
     */
    public long recordUnrenderableEvent()
    {
        return unrenderableEvents.incrementRelease() + 1;
    }

    /**
     * @return how many rejections of this kind there have been, this one included (1 means first of its kind).
     */
    public long recordRejection(final Rejection rejection)
    {
        return rejections[rejection.ordinal()].increment() + 1;
    }

    /**
     * A handshake or REST request refused for its origin, credential or key limits.
     *
     * @return how many refusals of this kind there have been, this one included (1 means first of its kind).
     */
    public long recordAuthRefusal(final AuthRefusal refusal)
    {
        return authRefusals[refusal.ordinal()].increment() + 1;
    }

    /** WebSocket sessions currently open (handshake completed, not yet closed). */
    public long sessionsOpen()
    {
        return sessionsOpen.get();
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
        return sum(rejections);
    }

    public long rejectedRequests(final Rejection rejection)
    {
        return rejections[rejection.ordinal()].get();
    }

    /** Handshakes and REST requests refused for origin, credential or key limits, all kinds. */
    public long authRefusals()
    {
        return sum(authRefusals);
    }

    public long authRefusals(final AuthRefusal refusal)
    {
        return authRefusals[refusal.ordinal()].get();
    }

    public String toString()
    {
        return CountersRegistry.describe(sessionsOpen, sessionsOpened, messagesSent, subscriptions, conflatedMessages,
            slowConsumerDisconnects, unrenderableEvents) + " rejectedRequests=" + rejectedRequests() +
            " authRefusals=" + authRefusals();
    }

    private static AtomicCounter restCacheBlocks(final CountersRegistry registry, final String outcome)
    {
        return registry.counter("zvt_gateway_rest_cache_blocks",
            "blocks of rendered candles the ohlcv route looked up, by outcome (hit, miss: read from the database, " +
            "eviction: dropped to stay within the byte budget)", "outcome", outcome);
    }

    private static long sum(final AtomicCounter[] counters)
    {
        long total = 0;
        for (final AtomicCounter counter : counters)
        {
            total += counter.get();
        }
        return total;
    }
}
