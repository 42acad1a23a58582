package zvt.crypto.ops.launch;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.EventTranslatorThreeArg;
import com.lmax.disruptor.RingBuffer;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.ring.MarketEventRing;
import zvt.crypto.gateway.GatewayContext;
import zvt.crypto.gateway.GatewayCounters;
import zvt.crypto.gateway.fanout.FanoutEventHandler;
import zvt.crypto.gateway.ws.GatewayServer;
import zvt.crypto.ops.config.NodeConfig;
import zvt.crypto.ops.metrics.CountersLog;
import zvt.crypto.ops.metrics.NodeMetrics;
import zvt.crypto.persistence.redis.RedisSettings;
import zvt.crypto.persistence.redis.RedisStreamReader;
import zvt.crypto.persistence.sink.SinkIdleStrategy;

/**
 * A node in role {@code gateway}: no feeds and no journal; the venue streams in Redis (written by a node in role
 * {@code all} or {@code feed}) → a ring → the same fan-out and server as the in-process gateway. So gateways scale
 * apart from feeds, across machines, with Redis as the only thing between them. Resume and replay need the journal
 * and are refused here; a client that needs them connects to a node that has it.
 * <p>
 * Closed in data-flow order: the stream reader stops, the ring drains into the fan-out, the server closes.
 */
public final class RemoteGatewayNode implements RunningNode
{
    private static final Logger LOG = LoggerFactory.getLogger(RemoteGatewayNode.class);
    private static final EventTranslatorThreeArg<MarketEvent, UnsafeBuffer, Integer, Long> COPY_ENTRY =
        (event, sequence, entry, length, journalIndex) ->
        {
            event.reset().buffer().putBytes(0, entry, 0, length);
            event.length(length).journalIndex(journalIndex);
        };

    private final AgentRunner reader;
    private final RedisStreamReader streams;
    private final MarketEventRing ring;
    private final GatewayServer gateway;
    private final CountersLog countersLog;

    private RemoteGatewayNode(
        final AgentRunner reader, final RedisStreamReader streams, final MarketEventRing ring,
        final GatewayServer gateway, final CountersLog countersLog)
    {
        this.reader = reader;
        this.streams = streams;
        this.ring = ring;
        this.gateway = gateway;
        this.countersLog = countersLog;
    }

    public static RemoteGatewayNode launch(final NodeConfig config, final EpochNanoClock clock)
    {
        final RedisSettings redis = NodeSettings.redis(config);
        if (redis == null)
        {
            throw new IllegalArgumentException("role gateway reads the venue streams from Redis: set redis.url");
        }
        MarketEventRing ring = null;
        GatewayServer gateway = null;
        try
        {
            final InstrumentRegistry instruments = new InstrumentRegistry();
            final RedisStreamReader[] streams = new RedisStreamReader[1];
            final CountersRegistry registry = new CountersRegistry();
            final GatewayCounters counters = new GatewayCounters(registry);
            final NodeMetrics metrics = new NodeMetrics(registry).gateway(counters);
            final GatewayContext context = NodeSettings.gateway(config)
                .counters(counters)
                .metrics(metrics.source())
                .healthDetails(() -> "{\"redisStreams\":{\"connected\":" + streams[0].connected() +
                    ",\"lastIndex\":" + streams[0].lastIndex() + "}}")
                .readiness(() -> streams[0].connected() ? List.of() : List.of("not connected to the Redis streams"));
            final FanoutEventHandler fanout = new FanoutEventHandler(context, instruments);
            ring = new MarketEventRing(NodeSettings.ringWithoutFeeds(config), fanout, List.of()).start();
            metrics.ring(ring.ringBuffer());
            final RingBuffer<MarketEvent> ringBuffer = ring.ringBuffer();
            streams[0] = new RedisStreamReader(redis, instruments,
                (entry, length, journalIndex) -> ringBuffer.publishEvent(COPY_ENTRY, entry, length, journalIndex),
                clock, registry);
            metrics.redisStreamReader(streams[0]);
            gateway = GatewayServer.launch(context, instruments, fanout);
            // Polls 1 ms apart while entries flow (the streams are written in 20 ms batches); 20 ms once quiet.
            final AgentRunner reader = new AgentRunner(new SinkIdleStrategy(1, 20, 1_000),
                ex -> LOG.error("redis stream reader: unexpected error", ex), null, streams[0]);
            AgentRunner.startOnThread(reader, runnable ->
            {
                final Thread thread = new Thread(runnable, "redis-stream-reader");
                thread.setDaemon(true);
                return thread;
            });
            LOG.info("gateway node serving the Redis streams of {}", redis);
            return new RemoteGatewayNode(reader, streams[0], ring, gateway,
                CountersLog.start(registry, config.getInt("metrics.log.interval.s")));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(ring, gateway);
            throw ex;
        }
    }

    public URI gatewayUri()
    {
        return gateway.webSocketUri();
    }

    /** @return the journal index of the last stream entry handed to the fan-out, or -1. */
    public long lastIndex()
    {
        return streams.lastIndex();
    }

    public void close()
    {
        reader.close((int)TimeUnit.SECONDS.toMillis(5), Thread::interrupt);
        CloseHelper.closeAll(ring, gateway);
        LOG.info("gateway node stopped after {} stream entries", streams.delivered());
        countersLog.close();
    }
}
