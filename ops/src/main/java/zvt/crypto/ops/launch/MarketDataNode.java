package zvt.crypto.ops.launch;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.agrona.CloseHelper;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.core.ring.MarketEventRing;
import zvt.crypto.core.ring.RingContext;
import zvt.crypto.core.ring.WaitStrategyType;
import zvt.crypto.feed.binance.BinanceFeed;
import zvt.crypto.feed.connection.FeedContext;
import zvt.crypto.gateway.GatewayContext;
import zvt.crypto.gateway.fanout.FanoutEventHandler;
import zvt.crypto.gateway.ws.GatewayServer;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.journal.JournalEventHandler;
import zvt.crypto.journal.JournalInstruments;
import zvt.crypto.ops.config.NodeConfig;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One node in role {@code all}: venue feeds → ring → journal → gateway fan-out. Built stage by stage in data-flow
 * order and closed in reverse: feeds stop first (no new events), then the ring drains into the journal and the
 * gateway, then the gateway and journal close.
 */
public final class MarketDataNode implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(MarketDataNode.class);

    private final Journal journal;
    private final InstrumentRegistry instruments;
    private final JournalEventHandler journalHandler;
    private final MarketEventRing ring;
    private final GatewayServer gateway;
    private final List<BinanceFeed> feeds;

    private MarketDataNode(
        final Journal journal,
        final InstrumentRegistry instruments,
        final JournalEventHandler journalHandler,
        final MarketEventRing ring,
        final GatewayServer gateway,
        final List<BinanceFeed> feeds)
    {
        this.journal = journal;
        this.instruments = instruments;
        this.journalHandler = journalHandler;
        this.ring = ring;
        this.gateway = gateway;
        this.feeds = feeds;
    }

    /**
     * Start a node from its configuration; on failure everything already started is closed again.
     */
    public static MarketDataNode launch(final NodeConfig config, final EpochNanoClock clock)
    {
        final Journal journal = Journal.open(new JournalContext()
            .directory(config.getPath("journal.dir"))
            .retentionCycles(config.getInt("journal.retention.days")));
        final List<BinanceFeed> feeds = new ArrayList<>();
        MarketEventRing ring = null;
        GatewayServer gateway = null;
        try
        {
            final InstrumentRegistry instruments = new InstrumentRegistry();
            final JournalInstruments.Result restored = JournalInstruments.restore(journal, instruments);
            LOG.info("journal {} opened; {} instruments restored", journal.directory(), restored.applied());

            final GatewayContext gatewayContext = new GatewayContext()
                .host(config.get("gateway.host"))
                .port(config.getInt("gateway.port"));
            final FanoutEventHandler fanout = new FanoutEventHandler(gatewayContext, instruments);
            final JournalEventHandler journalHandler = new JournalEventHandler(journal, instruments);
            ring = new MarketEventRing(
                new RingContext()
                    .ringSize(config.getInt("ring.size"))
                    .waitStrategy(WaitStrategyType.valueOf(config.get("ring.wait").toUpperCase(Locale.ROOT)))
                    .threadFactory(new DefaultThreadFactory("ring", true)),
                journalHandler,
                List.of(fanout)).start();
            gateway = GatewayServer.launch(gatewayContext, instruments, fanout);

            final ControlEventPublisher publisher = new ControlEventPublisher(ring.ringBuffer(), clock);
            instruments.addListener(publisher::publishDefinition);
            for (final String venue : config.getList("venues"))
            {
                if (!"binance".equalsIgnoreCase(venue))
                {
                    throw new IllegalArgumentException("venue " + venue + " is not supported yet (binance only)");
                }
                feeds.add(BinanceFeed.launch(new FeedContext()
                    .webSocketUri(config.get("binance.ws.url"))
                    .symbols(config.getList("binance.symbols"))
                    .ringBuffer(ring.ringBuffer())
                    .instrumentRegistry(instruments)
                    .controlEventPublisher(publisher)
                    .clock(clock)));
            }
            return new MarketDataNode(journal, instruments, journalHandler, ring, gateway, feeds);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(feeds);
            CloseHelper.quietCloseAll(ring, gateway, journal);
            throw ex;
        }
    }

    public URI gatewayUri()
    {
        return gateway.webSocketUri();
    }

    public long journaledEvents()
    {
        return journalHandler.appendedEvents();
    }

    public InstrumentRegistry instruments()
    {
        return instruments;
    }

    public void close()
    {
        LOG.info("shutting down: stopping feeds, draining the ring");
        CloseHelper.closeAll(feeds);
        CloseHelper.closeAll(ring, gateway);
        final long events = journalHandler.appendedEvents();
        CloseHelper.close(journal);
        LOG.info("journal closed after {} events appended by this node", events);
    }
}
