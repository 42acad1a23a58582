package zvt.crypto.ops.load;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.agrona.CloseHelper;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.simulator.SimulatorCounters;
import zvt.crypto.feed.simulator.StreamKind;
import zvt.crypto.feed.simulator.VenueSimulators;
import zvt.crypto.feed.venue.VenueAdapter;
import zvt.crypto.feed.venue.VenueRegistry;
import zvt.crypto.ops.config.NodeConfig;
import zvt.crypto.ops.launch.MarketDataNode;
import zvt.crypto.ops.launch.NodeSettings;
import zvt.crypto.persistence.DatabaseContext;
import zvt.crypto.persistence.redis.RedisKeyspace;
import zvt.crypto.persistence.redis.RedisSettings;
import zvt.crypto.persistence.sink.SinkStatus;
import zvt.crypto.persistence.writer.DbWriterStatus;

/**
 * One run at one rate: simulators → node (every sink on) → subscribers, warm-up, the measured window, then the
 * simulators stop, every sink drains, and every count is checked against the journal ({@link JournalTally}).
 * <p>
 * What must be zero: trades lost or duplicated between the simulators and the journal (what a venue's socket
 * delivered is journaled exactly once), between the journal and the database (rows by journal index), and for each
 * subscriber from its first trade on. Depth and top-of-book messages are offered and journaled too, but not 1:1
 * (the book sync buffers and discards diffs older than its snapshot), so they are counted, not checked.
 */
public final class LoadRun
{
    /** Symbols the runs spread over, in order; each venue takes the first N with its own quote asset. */
    private static final List<String> BASES = List.of("BTC", "ETH", "SOL", "XRP", "BNB", "ADA", "DOGE", "LTC", "DOT",
        "AVAX", "LINK", "TRX", "ATOM", "NEAR", "UNI", "FIL", "APT", "ARB", "OP", "SUI");
    /**
     * The rate climbs to the run's in this many equal steps over the first half of the warm-up: a node started cold
     * at 90,000 events/s fell behind while its code was still interpreted, and the Coinbase simulator dropped
     * messages to it, as the venue does to a slow client (a loss the window after it never recovers).
     */
    private static final int RAMP_STEPS = 10;
    private static final long SUBSCRIBE_TIMEOUT_MS = 30_000;
    private static final long QUIET_MS = 500;
    private static final long DRAIN_TIMEOUT_MS = 30_000;
    /** A database writer this far behind at the end of the window, and further than at its middle, is not keeping up. */
    private static final long GROWING_LAG_NANOS = TimeUnit.SECONDS.toNanos(2);

    private LoadRun()
    {
    }

    /**
     * @param directory where this run's journal (and embedded database) go, and its percentile files and plot.
     * @param p99Hop    the hop whose p99 {@link LoadResult#p99Nanos()} reports (the limit of {@code --find-max}).
     */
    public static LoadResult run(final LoadSettings settings, final Path directory, final String p99Hop)
        throws IOException, InterruptedException
    {
        if (settings.symbolsPerVenue() > BASES.size())
        {
            throw new IllegalArgumentException("at most " + BASES.size() + " symbols per venue: " +
                settings.symbolsPerVenue());
        }
        final List<VenueAdapter> adapters = settings.venues().stream().map(VenueRegistry::byName).toList();
        final List<Venue> venues = adapters.stream().map(VenueAdapter::venue).toList();
        final long perVenue = Math.max(1, settings.stepsPerSecond() / venues.size());
        final String runId = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        final EpochNanoClock clock = new OffsetEpochNanoClock();
        final List<TradeSubscriber> subscribers = new ArrayList<>();
        final EventLoopGroup clientLoop = new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory(ProcessCost.SUBSCRIBER_THREAD, true), NioIoHandler.newFactory());
        final HopHistograms hops = new HopHistograms();
        final Map<String, Object> report = new LinkedHashMap<>();
        final Map<String, List<String>> symbolsByVenue = new LinkedHashMap<>();
        for (final VenueAdapter adapter : adapters)
        {
            symbolsByVenue.put(adapter.venue().name(), symbols(adapter, settings.symbolsPerVenue()));
        }
        final SendTimes sendTimes = new SendTimes(clock, symbolsByVenue);
        final BinanceSimulatorContext market = new BinanceSimulatorContext()
            .tradeSends(sendTimes)
            .tickIntervalMs(settings.tickMs())
            .port(0)
            .seed(settings.seed())
            .messagesPerSecond(settings.warmupSeconds() == 0 ? perVenue : Math.max(1, perVenue / RAMP_STEPS));
        final VenueSimulators simulators = VenueSimulators.launch(venues, market);
        // a configured database may hold other data: the run writes into a schema of its own, dropped after
        final String dropSchema = settings.node().asMap().getOrDefault("db.url", "").isBlank() ? null :
            "loadtest_" + runId;
        // a run of its own in a shared Redis: never overwrite a node's keys, and leave none behind
        final String redisPrefix = settings.node().get("redis.key.prefix") + ":loadtest-" + runId;
        MarketDataNode node = null;
        try
        {
            final NodeConfig config = nodeConfig(settings, directory, simulators, adapters, redisPrefix, dropSchema);
            node = MarketDataNode.launch(config, clock);
            for (int i = 0; i < settings.subscribers(); i++)
            {
                subscribers.add(TradeSubscriber.connect(clientLoop, node.gatewayUri(),
                    settings.subscriberScope().streams(i, symbolsByVenue), clock, sendTimes));
            }
            for (final TradeSubscriber subscriber : subscribers)
            {
                subscriber.awaitSubscribed(SUBSCRIBE_TIMEOUT_MS);
            }
            // The first read of the node's hop recorders flips them to a phase their writers have not run in yet,
            // and the JIT recompiles the ring's loop around that (an uncommon trap): a first read half-way through
            // the warm-up keeps that recompile out of the measured window.
            final long warmupMs = TimeUnit.SECONDS.toMillis(settings.warmupSeconds());
            rampUp(market, perVenue, warmupMs / 2);
            HopHistograms.drain(node.latencies());
            Thread.sleep(warmupMs - warmupMs / 2);

            // the measured window
            HopHistograms.drain(node.latencies());
            subscribers.forEach(TradeSubscriber::measure);
            final long stepsStart = sum(simulators, SimulatorCounters::stepsGenerated);
            final long offeredStart = sum(simulators, SimulatorCounters::messagesDelivered);
            final long journaledStart = node.journaledEvents();
            final ProcessCost costStart = ProcessCost.sample();
            final long windowMs = TimeUnit.SECONDS.toMillis(settings.seconds());
            Thread.sleep(windowMs / 2);
            final DbWriterStatus dbMiddle = node.dbWriterStatus();
            final long dbLagMiddle = dbMiddle == null ? -1 : dbMiddle.lagEntries();
            Thread.sleep(windowMs - windowMs / 2);
            final ProcessCost costEnd = ProcessCost.sample();
            final long journaledInWindow = node.journaledEvents() - journaledStart;
            final long offeredInWindow = sum(simulators, SimulatorCounters::messagesDelivered) - offeredStart;
            final long stepsInWindow = sum(simulators, SimulatorCounters::stepsGenerated) - stepsStart;
            hops.readNode(node.latencies());
            final Map<String, Object> lag = lagAtEnd(node, dbLagMiddle);

            // stop offering, let every sink drain, then count
            final Map<Venue, Long> offeredTrades = new LinkedHashMap<>();
            simulators.close();
            for (final Venue venue : venues)
            {
                offeredTrades.put(venue, simulators.simulator(venue).counters().delivered(StreamKind.TRADE));
            }
            final long offeredMessages = sum(simulators, SimulatorCounters::messagesDelivered);
            final MarketDataNode running = node;
            awaitQuiet(running::journaledEvents);
            for (final TradeSubscriber subscriber : subscribers)
            {
                awaitQuiet(subscriber::received);
            }
            final Map<String, Long> database =
                Boolean.parseBoolean(config.get("db.enabled")) ? databaseCounts(running) : null;

            subscribers.forEach(TradeSubscriber::close);
            clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            for (final TradeSubscriber subscriber : subscribers)
            {
                hops.add(HopHistograms.RECEIVE_TO_SUBSCRIBER, subscriber.receiveToSubscriber());
                hops.add(HopHistograms.EXCHANGE_TO_SUBSCRIBER, subscriber.exchangeToSubscriber());
                hops.add(HopHistograms.SEND_TO_RECEIVE, subscriber.sendToReceive());
                hops.add(HopHistograms.SEND_TO_SUBSCRIBER, subscriber.sendToSubscriber());
            }
            node.close();
            node = null;
            final JournalTally journal = JournalTally.read(directory.resolve("journal"));

            report.put("rate", rateReport(settings, perVenue, stepsInWindow, offeredInWindow, journaledInWindow));
            final Map<String, Object> counts = counts(offeredTrades, offeredMessages, journal, database, subscribers);
            report.put("counts", counts);
            report.put("latency", hops.summary());
            report.put("cost", costStart.until(costEnd, journaledInWindow));
            report.put("lag", lag);
            report.put("files", hops.write(directory, "zvt-crypto loadtest: " + settings.stepsPerSecond() +
                " steps/s, " + venues.size() + " venues x " + settings.symbolsPerVenue() + " symbols, " +
                settings.subscribers() + " subscribers (" + settings.subscriberScope().name().toLowerCase(Locale.ROOT) +
                ")"));
            final long lossOrDuplicates = (long)counts.get("lostOrDuplicated");
            final boolean lagGrowing = Boolean.TRUE.equals(lag.get("dbLagGrowing"));
            final double offeredShare = stepsInWindow / (double)(settings.stepsPerSecond() * settings.seconds());
            return new LoadResult(report, lossOrDuplicates, lagGrowing, hops.p99Nanos(p99Hop), offeredShare);
        }
        finally
        {
            for (final TradeSubscriber subscriber : subscribers)
            {
                CloseHelper.quietClose(subscriber::close);
            }
            clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            CloseHelper.quietCloseAll(node, simulators);
            if (dropSchema != null)
            {
                dropSchema(settings.node(), dropSchema);
            }
            final RedisSettings redis = NodeSettings.redis(settings.node().with("redis.key.prefix", redisPrefix));
            if (redis != null)
            {
                RedisKeyspace.delete(redis);
            }
        }
    }

    /** The node's configuration with the run's journal, gateway, simulated venues and symbols, Redis keys, schema. */
    private static NodeConfig nodeConfig(
        final LoadSettings settings,
        final Path directory,
        final VenueSimulators simulators,
        final List<VenueAdapter> adapters,
        final String redisPrefix,
        final String schema)
    {
        NodeConfig config = settings.node()
            .with("journal.dir", directory.resolve("journal").toString())
            .with("db.embedded.dir", directory.resolve("postgres").toString())
            .with("gateway.port", "0")
            // loopback subscribers of our own: no credential, and Netty's client sends an Origin header
            .with("gateway.auth.enabled", "false")
            .with("gateway.auth.allowed.origins", "*")
            .with("db.writer.id", "loadtest")
            .with("redis.key.prefix", redisPrefix)
            .with("venues", String.join(",", adapters.stream().map(VenueAdapter::configName).toList()));
        if (schema != null)
        {
            config = config.with("db.schema", schema);
        }
        for (final VenueAdapter adapter : adapters)
        {
            for (final Map.Entry<String, String> setting : simulators.feedSettings(adapter.venue()).entrySet())
            {
                config = config.with(adapter.configName() + "." + setting.getKey(), setting.getValue());
            }
            config = config.with(adapter.configName() + ".symbols",
                String.join(",", symbols(adapter, settings.symbolsPerVenue())));
        }
        return config;
    }

    /** The venue's first N symbols in its own spelling of the quote asset (Coinbase's USD, the others' USDT). */
    private static List<String> symbols(final VenueAdapter adapter, final int count)
    {
        final String first = adapter.defaults().get("symbols").split(",")[0];
        final String quote = first.substring(first.indexOf('-') + 1);
        return BASES.subList(0, count).stream().map(base -> base + "-" + quote).toList();
    }

    /** Raises every simulator's rate from a {@link #RAMP_STEPS}th of {@code perVenue} to all of it. */
    private static void rampUp(final BinanceSimulatorContext market, final long perVenue, final long durationMs)
        throws InterruptedException
    {
        for (int step = 2; step <= RAMP_STEPS; step++)
        {
            Thread.sleep(durationMs / RAMP_STEPS);
            market.messagesPerSecond(Math.max(1, perVenue * step / RAMP_STEPS));
        }
        Thread.sleep(durationMs / RAMP_STEPS);
    }

    private static long sum(final VenueSimulators simulators, final ToLongFunction<SimulatorCounters> counter)
    {
        return simulators.all().values().stream().mapToLong(simulator -> counter.applyAsLong(simulator.counters()))
            .sum();
    }

    /** Waits until a count stops moving for {@link #QUIET_MS} (at most {@link #DRAIN_TIMEOUT_MS}). */
    private static void awaitQuiet(final LongSupplier count) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + DRAIN_TIMEOUT_MS;
        long last = count.getAsLong();
        long quietSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline && System.currentTimeMillis() - quietSince < QUIET_MS)
        {
            Thread.sleep(50);
            final long now = count.getAsLong();
            if (now != last)
            {
                last = now;
                quietSince = System.currentTimeMillis();
            }
        }
    }

    private static Map<String, Object> rateReport(
        final LoadSettings settings,
        final long perVenue,
        final long steps,
        final long offered,
        final long journaled)
    {
        final Map<String, Object> rate = new LinkedHashMap<>();
        rate.put("stepsPerSecondRequested", settings.stepsPerSecond());
        rate.put("stepsPerSecondPerVenue", perVenue);
        rate.put("stepsPerSecondGenerated", ProcessCost.round(steps / (double)settings.seconds()));
        rate.put("offeredMessagesPerSecond", ProcessCost.round(offered / (double)settings.seconds()));
        rate.put("journaledEventsPerSecond", ProcessCost.round(journaled / (double)settings.seconds()));
        rate.put("venues", settings.venues());
        rate.put("symbolsPerVenue", settings.symbolsPerVenue());
        rate.put("subscribers", settings.subscribers());
        rate.put("subscriberScope", settings.subscriberScope().name().toLowerCase(Locale.ROOT));
        rate.put("warmupSeconds", settings.warmupSeconds());
        rate.put("seconds", settings.seconds());
        return rate;
    }

    /** The database writer's and Redis streams' lag when the window ended (before they were allowed to drain). */
    private static Map<String, Object> lagAtEnd(final MarketDataNode node, final long dbLagMiddle)
    {
        final Map<String, Object> lag = new LinkedHashMap<>();
        final DbWriterStatus db = node.dbWriterStatus();
        lag.put("dbWriterLagEntries", db == null ? null : db.lagEntries());
        lag.put("dbWriterLagMillis", db == null ? null : ProcessCost.round(db.lagNanos() / 1e6));
        lag.put("dbWriterLagEntriesMidWindow", dbLagMiddle);
        lag.put("dbLagGrowing", db != null && db.lagNanos() > GROWING_LAG_NANOS && db.lagEntries() > dbLagMiddle);
        final SinkStatus redis = node.redisStreamStatus();
        lag.put("redisConnected", redis == null ? null : redis.connected());
        lag.put("redisStreamLagEntries", redis == null ? null : redis.lagEntries());
        lag.put("redisStreamLagMillis", redis == null ? null : ProcessCost.round(redis.lagNanos() / 1e6));
        return lag;
    }

    /**
     * Waits until the database writer has committed the journal's last entry, then counts its trade rows: all of
     * them and distinct journal indexes (a row twice would show as the difference); -1 if the database never started.
     */
    private static Map<String, Long> databaseCounts(final MarketDataNode node) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + DRAIN_TIMEOUT_MS;
        final long last = node.lastJournalIndex();
        while (System.currentTimeMillis() < deadline &&
            (node.dbWriterStatus() == null || node.dbWriterStatus().committedIndex() < last))
        {
            Thread.sleep(50);
        }
        final DatabaseContext context = node.databaseContext();
        if (context == null)
        {
            return Map.of("rows", -1L, "distinct", -1L);
        }
        try (Connection connection = context.connect(); Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery(
                "SELECT count(*), count(DISTINCT journal_index) FROM crypto_trades"))
        {
            rows.next();
            return Map.of("rows", rows.getLong(1), "distinct", rows.getLong(2));
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("counting the database's trades failed", ex);
        }
    }

    private static Map<String, Object> counts(
        final Map<Venue, Long> offeredTrades,
        final long offeredMessages,
        final JournalTally journal,
        final Map<String, Long> database,
        final List<TradeSubscriber> subscribers)
    {
        long lostOrDuplicated = 0;
        final Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("offeredMessages", offeredMessages);
        counts.put("journaledEvents", journal.events());
        final Map<String, Object> journalTrades = new LinkedHashMap<>();
        long offeredTotal = 0;
        for (final Map.Entry<Venue, Long> entry : offeredTrades.entrySet())
        {
            final long journaled = journal.trades(entry.getKey());
            final Map<String, Object> venue = new LinkedHashMap<>();
            venue.put("offered", entry.getValue());
            venue.put("journaled", journaled);
            // the simulators inject no duplicates here, so any surplus in the journal is one
            venue.put("lost", Math.max(0, entry.getValue() - journaled));
            venue.put("duplicated", Math.max(0, journaled - entry.getValue()));
            lostOrDuplicated += Math.abs(entry.getValue() - journaled);
            offeredTotal += entry.getValue();
            journalTrades.put(entry.getKey().name(), venue);
        }
        final Map<String, Object> trades = new LinkedHashMap<>();
        trades.put("offered", offeredTotal);
        trades.put("journaled", journal.trades());
        trades.put("byVenue", journalTrades);
        if (database == null)
        {
            trades.put("database", "disabled");
        }
        else
        {
            // a database that never started lost everything the journal holds
            final long rows = database.get("rows");
            final long distinct = Math.max(0, database.get("distinct"));
            final Map<String, Object> db = new LinkedHashMap<>();
            db.put("written", rows);
            db.put("lost", journal.trades() - distinct);
            db.put("duplicated", Math.max(0, rows - distinct));
            lostOrDuplicated += Math.abs(journal.trades() - distinct) + Math.max(0, rows - distinct);
            trades.put("database", db);
        }
        final List<Object> delivered = new ArrayList<>();
        for (final TradeSubscriber subscriber : subscribers)
        {
            final long expected = expectedTrades(journal, subscriber);
            final Map<String, Object> one = new LinkedHashMap<>();
            one.put("delivered", subscriber.received());
            one.put("expected", expected);
            one.put("lost", expected - subscriber.received());
            one.put("duplicated", subscriber.duplicates());
            one.put("otherFrames", subscriber.otherFrames());
            one.put("untimedTrades", subscriber.untimedTrades());
            one.put("closedByGateway", subscriber.closedByGateway());
            lostOrDuplicated += Math.abs(expected - subscriber.received()) + subscriber.duplicates();
            delivered.add(one);
        }
        trades.put("subscribers", delivered);
        counts.put("trades", trades);
        counts.put("lostOrDuplicated", lostOrDuplicated);
        return counts;
    }

    /** What the journal holds of the subscriber's streams from its first trade on (all of them if it got none). */
    private static long expectedTrades(final JournalTally journal, final TradeSubscriber subscriber)
    {
        long expected = 0;
        for (final TradeSubscriber.Stream stream : subscriber.streams())
        {
            expected += TradeSubscriber.Stream.ALL_SYMBOLS.equals(stream.symbol()) ?
                journal.tradesFrom(Venue.valueOf(stream.venue()), subscriber.firstIndex()) :
                journal.tradesFrom(Venue.valueOf(stream.venue()), stream.symbol(), subscriber.firstIndex());
        }
        return expected;
    }

    private static void dropSchema(final NodeConfig config, final String schema)
    {
        final DatabaseContext context = new DatabaseContext()
            .url(config.get("db.url"))
            .user(config.get("db.user"))
            .password(config.secret("db.password.file", "ZVT_DB_PASSWORD", System.getenv()));
        try (Connection connection = context.connect(); Statement statement = connection.createStatement())
        {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("could not drop the run's schema " + schema, ex);
        }
    }
}
