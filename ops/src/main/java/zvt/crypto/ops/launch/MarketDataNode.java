package zvt.crypto.ops.launch;

import com.lmax.disruptor.EventHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.agrona.CloseHelper;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.instrument.NormalizedSymbol;
import zvt.crypto.core.latency.HopLatencies;
import zvt.crypto.core.latency.HopLatency;
import zvt.crypto.core.ring.ConsumerThreads;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.core.ring.MarketEventRing;
import zvt.crypto.core.ring.RingContext;
import zvt.crypto.feed.connection.FeedContext;
import zvt.crypto.feed.runner.VenueFeed;
import zvt.crypto.feed.venue.VenueAdapter;
import zvt.crypto.feed.venue.VenueRegistry;
import zvt.crypto.feed.venue.VenueSettings;
import zvt.crypto.gateway.GatewayContext;
import zvt.crypto.gateway.GatewayCounters;
import zvt.crypto.gateway.fanout.FanoutEventHandler;
import zvt.crypto.gateway.ws.GatewayServer;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.journal.JournalEventHandler;
import zvt.crypto.journal.JournalFiles;
import zvt.crypto.journal.JournalInstruments;
import zvt.crypto.ops.config.NodeConfig;
import zvt.crypto.ops.metrics.CountersLog;
import zvt.crypto.ops.metrics.NodeMetrics;
import zvt.crypto.persistence.DatabaseContext;
import zvt.crypto.persistence.redis.RedisSettings;
import zvt.crypto.persistence.redis.RedisWriter;
import zvt.crypto.persistence.sink.SinkStatus;
import zvt.crypto.persistence.writer.DbWriterStatus;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One node in role {@code all}: venue feeds → ring → journal → gateway fan-out. Built stage by stage in data-flow
 * order and closed in reverse: feeds stop first (no new events), then the ring drains into the journal and the
 * gateway, then the database writer and the Redis streams write what the journal holds (within
 * {@code db.writer.drain.ms}), then the journal closes. Both tail the journal on their own threads, never the ring;
 * Redis's state hashes are a ring consumer after the journal that only queues ({@link RedisWriter}). Before the
 * ring starts, the gateway's live candles are primed from today's journal ({@link GatewayCandlePriming}). Every
 * stage's counters live in one {@link CountersRegistry}, exported at {@code /metrics} ({@link NodeMetrics}) and logged
 * periodically ({@link CountersLog}).
 */
public final class MarketDataNode implements RunningNode
{
    private static final Logger LOG = LoggerFactory.getLogger(MarketDataNode.class);
    private static final Duration REDIS_DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final Journal journal;
    private final InstrumentRegistry instruments;
    private final JournalEventHandler journalHandler;
    private final MarketEventRing ring;
    private final GatewayServer gateway;
    private final List<VenueFeed> feeds;
    private final NodeDatabase database;
    private final RedisWriter redis;
    private final HopLatencies latencies;
    private final EventLoopGroup feedLoops;
    private final CountersLog countersLog;

    private MarketDataNode(
        final Journal journal,
        final InstrumentRegistry instruments,
        final JournalEventHandler journalHandler,
        final MarketEventRing ring,
        final GatewayServer gateway,
        final List<VenueFeed> feeds,
        final NodeDatabase database,
        final RedisWriter redis,
        final HopLatencies latencies,
        final EventLoopGroup feedLoops,
        final CountersLog countersLog)
    {
        this.journal = journal;
        this.instruments = instruments;
        this.journalHandler = journalHandler;
        this.ring = ring;
        this.gateway = gateway;
        this.feeds = feeds;
        this.database = database;
        this.redis = redis;
        this.latencies = latencies;
        this.feedLoops = feedLoops;
        this.countersLog = countersLog;
    }

    /**
     * Start a node from its configuration; on failure everything already started is closed again.
     */
    public static MarketDataNode launch(final NodeConfig config, final EpochNanoClock clock)
    {
        // Every setting is checked before anything opens: a mistake leaves no journal behind and binds no port.
        final List<VenueSettings> venues = venueSettings(config);
        final GatewayContext gatewayContext = NodeSettings.gateway(config);
        final RedisSettings redisSettings = NodeSettings.redis(config);
        final RingContext ringContext = NodeSettings.ring(config);
        final Journal journal = Journal.open(new JournalContext()
            .directory(config.getPath("journal.dir"))
            .retentionCycles(config.getInt("journal.retention.days")));
        final List<VenueFeed> feeds = new ArrayList<>();
        MarketEventRing ring = null;
        GatewayServer gateway = null;
        NodeDatabase database = null;
        RedisWriter redis = null;
        final EventLoopGroup feedLoops = sharedFeedLoops(config.getInt("feed.event.loops"));
        try
        {
            if (NodeSettings.gatewayIoThreads(config) == 0 && feedLoops != null)
            {
                // The hosted fan-out then writes to its sessions in the loop instead of waking another for each batch.
                gatewayContext.sharedEventLoops(feedLoops);
            }
            final HopLatencies latencies = new HopLatencies(clock);
            final CountersRegistry counters = new CountersRegistry();
            final NodeMetrics metrics = new NodeMetrics(counters).latencies(latencies).feeds(feeds);
            database = NodeDatabase.open(config, journal, clock, System.getenv(), latencies, counters);
            final InstrumentRegistry instruments = new InstrumentRegistry();
            final JournalInstruments.Result restored = JournalInstruments.restore(journal, instruments);
            LOG.info("journal {} opened; {} instruments restored", journal.directory(), restored.applied());

            final NodeDatabase db = database;
            final JournalEventHandler journalHandler =
                new JournalEventHandler(journal, instruments, counters).latencies(latencies);
            final GatewayCounters gatewayCounters = new GatewayCounters(counters);
            metrics.journal(journal.directory()).gateway(gatewayCounters)
                .databaseWriter(() -> db == null ? null : db.status());
            gatewayContext
                .healthDetails(() -> ReadinessDetails.of(db))
                .marketData(() -> db == null ? null : db.queries())
                .readiness(new NodeReadiness(config.getPath("journal.dir"),
                    config.getInt("ready.journal.min.free.mb") * 1024L * 1024L, db,
                    config.getInt("ready.db.lag.ms"))::reasons)
                .journalStats(() -> liveJournalStats(journal, journalHandler))
                .journal(journal)
                .counters(gatewayCounters)
                .latencies(latencies)
                .metrics(metrics.source());
            final FanoutEventHandler fanout = new FanoutEventHandler(gatewayContext, instruments);
            GatewayCandlePriming.primeFromStartOfDay(journal, fanout, clock);
            redis = startRedis(redisSettings, journal, instruments, clock, counters);
            if (redis != null)
            {
                metrics.redisWriter(redis);
            }
            final List<EventHandler<MarketEvent>> afterJournal =
                redis == null ? List.of(fanout) : List.of(fanout, redis.ringHandler());
            if (ringContext.consumerThreads() == ConsumerThreads.HOSTED)
            {
                ringContext.host(feedLoops.next());
            }
            ring = new MarketEventRing(ringContext, journalHandler, afterJournal).start();
            metrics.ring(ring.ringBuffer());
            gateway = GatewayServer.launch(gatewayContext, instruments, fanout);

            final ControlEventPublisher publisher = new ControlEventPublisher(ring.ringBuffer(), clock);
            instruments.addListener(publisher::onInstrument);
            for (final VenueSettings venue : venues)
            {
                feeds.add(VenueFeed.launch(venue, new FeedContext()
                    .ringBuffer(ring.ringBuffer())
                    .instrumentRegistry(instruments)
                    .counters(counters)
                    .controlEventPublisher(publisher)
                    .eventLoopGroup(feedLoops)
                    .stablePeriodMs(config.getInt("feed.reconnect.stable.ms"))
                    .clock(clock)));
            }
            return new MarketDataNode(journal, instruments, journalHandler, ring, gateway, feeds, database, redis,
                latencies, feedLoops, CountersLog.start(counters, config.getInt("metrics.log.interval.s")));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(feeds);
            CloseHelper.quietCloseAll(ring, gateway, database, redis, journal);
            if (feedLoops != null)
            {
                feedLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            }
            throw ex;
        }
    }

    /**
     * {@code feed.event.loops}: 0 lets each venue feed own a loop; N shares N loops among the venues (fewer threads to
     * wake on a small machine).
     */
    private static EventLoopGroup sharedFeedLoops(final int loops)
    {
        if (loops < 0)
        {
            throw new IllegalArgumentException("feed.event.loops must be 0 (a loop per venue) or more: " + loops);
        }
        return loops == 0 ? null :
            new MultiThreadIoEventLoopGroup(loops, new DefaultThreadFactory("feed"), NioIoHandler.newFactory());
    }

    /** Redis's writers when {@code redis.url} is set; without it the node runs without Redis. */
    private static RedisWriter startRedis(
        final RedisSettings settings, final Journal journal, final InstrumentRegistry instruments,
        final EpochNanoClock clock, final CountersRegistry counters)
    {
        if (settings == null)
        {
            LOG.info("Redis disabled (redis.url not set)");
            return null;
        }
        return RedisWriter.start(settings, journal, instruments, clock, counters);
    }

    /** The journal's figures the node knows without reading it, for the REST API's {@code journal/stats}. */
    private static Map<String, Object> liveJournalStats(final Journal journal, final JournalEventHandler handler)
    {
        final JournalFiles files = JournalFiles.in(journal.directory());
        final Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("directory", journal.directory().toAbsolutePath().toString());
        stats.put("firstIndex", journal.firstIndex());
        stats.put("lastIndex", handler.lastIndex());
        stats.put("appendedEvents", handler.appendedEvents());
        stats.put("appendedBytes", handler.appendedBytes());
        stats.put("cycleFiles", files.cycleFiles());
        stats.put("bytesOnDisk", files.bytesOnDisk());
        return stats;
    }

    /**
     * The configured venues ({@code venues = binance,okx,...}), each with its {@code <venue>.*} keys; checked before
     * anything connects, so a typo stops the node with a message naming the key.
     */
    static List<VenueSettings> venueSettings(final NodeConfig config)
    {
        final List<String> names = config.getList("venues");
        if (names.size() != names.stream().map(name -> name.toLowerCase(Locale.ROOT)).distinct().count())
        {
            throw new IllegalArgumentException("venues names a venue twice: " + names);
        }
        return names.stream()
            .map(VenueRegistry::byName)
            .map(adapter -> checkChannels(new VenueSettings(adapter, config.section(adapter.configName()))))
            .toList();
    }

    /** Asks the venue for every configured stream now, so a channel it does not have stops the node at once. */
    private static VenueSettings checkChannels(final VenueSettings venue)
    {
        final VenueAdapter adapter = venue.adapter();
        for (final NormalizedSymbol symbol : venue.symbols())
        {
            try
            {
                adapter.streams(Instrument.of(1, adapter.venue(), symbol.marketType(), adapter.venueSymbol(symbol),
                    symbol.toString()), venue.channels());
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(adapter.configName() + ".channels: " + ex.getMessage(), ex);
            }
        }
        return venue;
    }

    public URI gatewayUri()
    {
        return gateway.webSocketUri();
    }

    /** @return the journal index of the last event this node appended, or -1. */
    public long lastJournalIndex()
    {
        return journalHandler.lastIndex();
    }

    public long journaledEvents()
    {
        return journalHandler.appendedEvents();
    }

    public InstrumentRegistry instruments()
    {
        return instruments;
    }

    /**
     * @return the database writer's progress, lag and storage path (readiness details); null without a database or
     *         while it is still starting.
     */
    public DbWriterStatus dbWriterStatus()
    {
        return database == null ? null : database.status();
    }

    /** @return where the database writer writes; null without a database or while it is still starting. */
    public DatabaseContext databaseContext()
    {
        return database == null ? null : database.context();
    }

    /** @return the Redis venue streams' progress and lag; null when Redis is off. */
    public SinkStatus redisStreamStatus()
    {
        return redis == null ? null : redis.streamStatus();
    }

    /** The per-hop latencies the node's stages record (a reader drains them: see {@link HopLatency#read}). */
    public HopLatencies latencies()
    {
        return latencies;
    }

    public void close()
    {
        LOG.info("shutting down: stopping feeds, draining the ring");
        CloseHelper.closeAll(feeds);
        if (feedLoops != null)
        {
            feedLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
        CloseHelper.closeAll(ring, gateway);
        final long events = journalHandler.appendedEvents();
        // after the ring: the journal now holds everything the database writer and the Redis streams should drain
        CloseHelper.close(database);
        if (redis != null)
        {
            redis.drainAndClose(REDIS_DRAIN_TIMEOUT);
        }
        CloseHelper.close(journal);
        LOG.info("journal closed after {} events appended by this node", events);
        countersLog.close();
    }
}
