package zvt.crypto.ops.launch;

import java.util.Locale;

import io.netty.util.concurrent.DefaultThreadFactory;

import zvt.crypto.core.ring.ConsumerThreads;
import zvt.crypto.core.ring.RingContext;
import zvt.crypto.core.ring.WaitStrategyType;
import zvt.crypto.gateway.GatewayContext;
import zvt.crypto.ops.config.NodeConfig;
import zvt.crypto.persistence.redis.RedisSettings;

/** The parts of a node's configuration every role reads the same way: the ring, the gateway, Redis. */
public final class NodeSettings
{
    static final String REDIS_PASSWORD_ENV = "ZVT_REDIS_PASSWORD";

    private NodeSettings()
    {
    }

    /**
     * The ring's settings; hosted consumers run on the one feed event loop, so {@code ring.consumer.threads = hosted}
     * needs {@code feed.event.loops = 1}.
     */
    static RingContext ring(final NodeConfig config)
    {
        final ConsumerThreads consumerThreads =
            ConsumerThreads.valueOf(config.get("ring.consumer.threads").toUpperCase(Locale.ROOT));
        if (consumerThreads == ConsumerThreads.HOSTED && config.getInt("feed.event.loops") != 1)
        {
            throw new IllegalArgumentException("ring.consumer.threads = hosted runs the ring's consumers on the feed " +
                "event loop, so it needs feed.event.loops = 1, not " + config.getInt("feed.event.loops"));
        }
        return new RingContext()
            .ringSize(config.getInt("ring.size"))
            .waitStrategy(WaitStrategyType.valueOf(config.get("ring.wait").toUpperCase(Locale.ROOT)))
            .consumerThreads(consumerThreads)
            .threadFactory(new DefaultThreadFactory("ring", true));
    }

    /** For a role without feeds (the remote gateway): no loop to host the consumers, so they get a thread. */
    static RingContext ringWithoutFeeds(final NodeConfig config)
    {
        final RingContext ring = ring(config);
        return ring.consumerThreads() == ConsumerThreads.HOSTED ? ring.consumerThreads(ConsumerThreads.SHARED) : ring;
    }

    /** The gateway's listener, limits, auth and replay settings; the caller adds what its role serves from. */
    static GatewayContext gateway(final NodeConfig config)
    {
        return new GatewayContext()
            .host(config.get("gateway.host"))
            .port(config.getInt("gateway.port"))
            .ioThreads(Math.max(1, gatewayIoThreads(config)))
            .maxInboundFrameBytes(config.getInt("gateway.max.inbound.frame.bytes"))
            .maxSubscriptionsPerSession(config.getInt("gateway.max.subscriptions.per.session"))
            .auth(GatewayAuthConfig.of(config, System.getenv()))
            .restQueryThreads(config.getInt("gateway.rest.query.threads"))
            .restTimeoutMs(config.getInt("gateway.rest.timeout.ms"))
            .restCacheBytes(config.getInt("gateway.rest.cache.bytes"))
            .restCacheTtlMs(config.getInt("gateway.rest.cache.ttl.ms"))
            .restCacheSettleMarginMs(config.getInt("gateway.rest.cache.settle.margin.ms"))
            .readyBookStaleMs(config.getInt("ready.book.stale.ms"))
            .maxConcurrentReplays(config.getInt("gateway.replay.max.concurrent"))
            .replayStallTimeoutMs(config.getInt("gateway.replay.stall.timeout.ms"));
    }

    /**
     * {@code gateway.io.threads}: N gives the gateway N event loops of its own; 0 serves its sessions on the feed
     * loops where the node shares them ({@code feed.event.loops >= 1}), else on one loop of its own.
     */
    static int gatewayIoThreads(final NodeConfig config)
    {
        final int ioThreads = config.getInt("gateway.io.threads");
        if (ioThreads < 0)
        {
            throw new IllegalArgumentException("gateway.io.threads must be 0 (the feed loops) or more: " + ioThreads);
        }
        return ioThreads;
    }

    /** @return Redis's settings, or null when {@code redis.url} is not set. */
    public static RedisSettings redis(final NodeConfig config)
    {
        final String url = config.asMap().getOrDefault("redis.url", "").trim();
        if (url.isEmpty())
        {
            return null;
        }
        final String password = config.secret("redis.password.file", REDIS_PASSWORD_ENV, System.getenv());
        return RedisSettings.of(url, password.isEmpty() ? null : password)
            .withKeyPrefix(config.get("redis.key.prefix"))
            .withBookDepth(config.getInt("redis.book.depth"))
            .withStreamMaxLength(config.getInt("redis.stream.max.length"));
    }
}
