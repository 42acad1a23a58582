package zvt.crypto.feed.binance;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.codec.VenueStatusCode;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.feed.connection.ControlMessagePacer;
import zvt.crypto.feed.connection.DecodeErrorLog;
import zvt.crypto.feed.connection.FeedConnection;
import zvt.crypto.feed.connection.FeedContext;
import zvt.crypto.feed.connection.FeedCounters;
import zvt.crypto.feed.connection.SessionListener;
import zvt.crypto.feed.rest.RequestWeightLimiter;
import zvt.crypto.feed.rest.RestClient;
import zvt.crypto.feed.rest.RestClientContext;
import zvt.crypto.feed.rest.RestRequest;
import zvt.crypto.feed.book.SnapshotSource;
import zvt.crypto.feed.book.SyncCounters;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Binance spot feed: interns the configured symbols as SPOT instruments and subscribes every configured channel
 * ({@code trade}, {@code aggTrade}, {@code bookTicker}, {@code depth@100ms}, {@code kline_1m}, ...) for each, over
 * combined-stream connections of at most {@link FeedContext#maxStreamsPerConnection()} streams each. A connection's
 * streams go in its URL ({@code /stream?streams=a/b}) while the URL stays short; the rest are subscribed with
 * SUBSCRIBE requests paced to {@link FeedContext#controlMessagesPerSecond()}; every session (re)subscribes. All
 * connections share one event loop and one {@link BinanceFrameAdapter}, which drops what overlapping sessions both
 * deliver. Depth streams are synchronized by a {@link BinanceDepthSync} with REST snapshots; a lost depth stream
 * marks its books stale (GAP_DETECTED) until they resync. With a REST address, {@code /api/v3/exchangeInfo} refines
 * the instruments (tick and lot sizes) at launch. A {@code serverShutdown} event replaces the session at once.
 * <p>
 * {@link #launch} and {@link #close} may be called from any thread; the counters and accessors are thread-safe.
 */
public final class BinanceFeed implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(BinanceFeed.class);
    /** Streams in the URL up to this length; beyond, SUBSCRIBE requests. */
    private static final int MAX_URL_LENGTH = 2_000;
    private static final int STREAMS_PER_SUBSCRIBE = 200;
    /** Binance spot REST weight per minute and IP. */
    private static final int REST_WEIGHT_PER_MINUTE = 6_000;
    private static final int EXCHANGE_INFO_WEIGHT = 20;

    private final FeedContext context;
    private final List<Instrument> instruments;
    private final FeedCounters counters = new FeedCounters();
    private final SyncCounters syncCounters = new SyncCounters();
    private final BinanceFrameAdapter adapter;
    private final BinanceDepthSync depth;
    private final List<Shard> shards = new ArrayList<>();
    private final EventLoopGroup ownedGroup;
    private final EventLoop loop;
    private final RestClient ownedRestClient;
    private long nextRequestId = 1;

    private BinanceFeed(final FeedContext context, final SnapshotSource snapshotSource)
    {
        this.context = context;
        if (context.eventLoopGroup() == null)
        {
            // One loop for every connection: the shared adapter and books then have a single thread.
            ownedGroup = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("binance-feed"), NioIoHandler.newFactory());
            context.eventLoopGroup(ownedGroup);
        }
        else
        {
            ownedGroup = null;
        }
        loop = context.eventLoopGroup().next();
        adapter = new BinanceFrameAdapter(context.ringBuffer(), context.clock(), counters, syncCounters);

        final boolean wantsDepth = context.channels().stream().anyMatch(BinanceFeed::isDepth);
        SnapshotSource snapshots = snapshotSource;
        if (context.restUri() != null)
        {
            ownedRestClient = new RestClient(new RestClientContext()
                .name("binance-rest")
                .limiter(new RequestWeightLimiter(REST_WEIGHT_PER_MINUTE, 1, TimeUnit.MINUTES)));
            if (snapshots == null)
            {
                snapshots = new BinanceRestSnapshotSource(
                    ownedRestClient, context.restUri(), context.snapshotDepth(), loop);
            }
        }
        else
        {
            ownedRestClient = null;
        }
        if (wantsDepth && snapshots == null)
        {
            throw new IllegalArgumentException("depth channels need a REST address (restUri) for book snapshots");
        }
        depth = wantsDepth ? new BinanceDepthSync(context.ringBuffer(), context.controlEventPublisher(), snapshots,
            loop, context.clock(), syncCounters, adapter.errors()) : null;
        adapter.depthSync(depth);
        adapter.shutdownListener(() -> rotateConnections("binance serverShutdown"));

        final List<Instrument> interned = new ArrayList<>();
        final List<String> streams = new ArrayList<>();
        final List<Integer> streamInstruments = new ArrayList<>();
        for (final String symbol : context.symbols())
        {
            final Instrument instrument = context.instrumentRegistry().intern(
                Venue.BINANCE, MarketType.SPOT, BinanceStreams.venueSymbol(symbol), symbol);
            adapter.addSymbol(instrument.venueSymbol(), instrument.id());
            if (depth != null)
            {
                depth.addInstrument(instrument.id(), instrument.venueSymbol());
            }
            interned.add(instrument);
            for (final String channel : context.channels())
            {
                streams.add(BinanceStreams.stream(symbol, channel));
                streamInstruments.add(instrument.id());
            }
        }
        instruments = List.copyOf(interned);
        for (int from = 0; from < streams.size(); from += context.maxStreamsPerConnection())
        {
            final int to = Math.min(streams.size(), from + context.maxStreamsPerConnection());
            shards.add(new Shard(streams.subList(from, to), streamInstruments.subList(from, to)));
        }
    }

    /**
     * Interns the instruments and starts connecting (in the background); depth books fetch snapshots through
     * REST at {@link FeedContext#restUri()}.
     *
     * @param context venue BINANCE (set here if unset), addresses, symbols, channels, ring, registry, publisher.
     * @throws IllegalArgumentException if the context is incomplete or invalid.
     */
    public static BinanceFeed launch(final FeedContext context)
    {
        return launch(context, null);
    }

    /** As {@link #launch(FeedContext)}, with depth snapshots from {@code snapshots} (e.g. a test source). */
    public static BinanceFeed launch(final FeedContext context, final SnapshotSource snapshots)
    {
        if (context.venue() == null)
        {
            context.venue(Venue.BINANCE);
        }
        if (context.conclude().venue() != Venue.BINANCE)
        {
            throw new IllegalArgumentException("a Binance feed needs venue BINANCE, not " + context.venue());
        }
        if (context.channels().contains("trade") && context.channels().contains("aggTrade"))
        {
            // Both streams carry every execution; journaling both would count each trade twice downstream.
            throw new IllegalArgumentException("subscribe to trade or aggTrade, not both: each publishes the same" +
                " executions as Trade events");
        }
        final BinanceFeed feed = new BinanceFeed(context, snapshots);
        feed.fetchExchangeInfo();
        for (final Shard shard : feed.shards)
        {
            shard.connection.start();
        }
        return feed;
    }

    /** The instruments this feed subscribes, in configuration order. */
    public List<Instrument> instruments()
    {
        return instruments;
    }

    /** The address of the first connection (each connection carries its first streams in its URL). */
    public URI uri()
    {
        return shards.getFirst().connection.uri();
    }

    /** The event loop every connection, the adapter and the depth books of this feed run on. */
    public EventLoop eventLoop()
    {
        return loop;
    }

    /** Connections the streams are sharded over. */
    public int connectionCount()
    {
        return shards.size();
    }

    /** True while every connection has an open session. */
    public boolean isConnected()
    {
        for (final Shard shard : shards)
        {
            if (!shard.connection.isOpen())
            {
                return false;
            }
        }
        return true;
    }

    public FeedCounters counters()
    {
        return counters;
    }

    /** Gaps, resyncs, snapshots, dropped duplicates. */
    public SyncCounters syncCounters()
    {
        return syncCounters;
    }

    /** Rejected frames by {@link BinanceFrameError}. */
    public DecodeErrorLog decodeErrors()
    {
        return adapter.errors();
    }

    /** Replaces every session with an overlapping new one now (what a {@code serverShutdown} event does). */
    public void rotateConnections(final String reason)
    {
        for (final Shard shard : shards)
        {
            shard.connection.rotate(reason);
        }
    }

    /** Closes the connections (publishing DISCONNECTED); close it before the ring. */
    public void close()
    {
        for (final Shard shard : shards)
        {
            shard.connection.close();
        }
        if (ownedRestClient != null)
        {
            ownedRestClient.close();
        }
        if (ownedGroup != null)
        {
            ownedGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10_000);
        }
    }

    private void fetchExchangeInfo()
    {
        if (ownedRestClient == null)
        {
            return;
        }
        ownedRestClient.execute(RestRequest.get(context.restUri(), "/api/v3/exchangeInfo").weight(EXCHANGE_INFO_WEIGHT))
            .whenComplete((response, failure) ->
            {
                try
                {
                    if (failure != null || !response.isSuccess())
                    {
                        LOG.warn("binance exchangeInfo unavailable, tick and lot sizes stay unknown: {}",
                            failure != null ? failure.toString() :
                                response.status() + " " + response.abbreviatedBody());
                        return;
                    }
                    final byte[] body = response.body();
                    final int refined = BinanceExchangeInfo.refine(context.instrumentRegistry(),
                        BinanceExchangeInfo.parse(new UnsafeBuffer(body), 0, body.length)).size();
                    LOG.info("binance exchangeInfo: refined {} of {} instruments", refined, instruments.size());
                }
                catch (final RuntimeException ex)
                {
                    LOG.warn("binance exchangeInfo could not be applied", ex);
                }
            });
    }

    private static boolean isDepth(final String channel)
    {
        return channel.equals("depth") || channel.startsWith("depth@");
    }

    /** One connection and the streams it carries. */
    private final class Shard implements SessionListener
    {
        private final List<String> streams;
        private final List<Integer> streamInstruments;
        private final List<String> urlStreams = new ArrayList<>();
        private final List<String> subscribedStreams = new ArrayList<>();
        private final FeedConnection connection;

        Shard(final List<String> streams, final List<Integer> streamInstruments)
        {
            this.streams = List.copyOf(streams);
            this.streamInstruments = List.copyOf(streamInstruments);
            int urlLength = context.webSocketUri().length() + BinanceStreams.COMBINED_PATH.length() + 9;
            for (final String stream : this.streams)
            {
                urlLength += stream.length() + 1;
                if (urlStreams.isEmpty() || urlLength <= MAX_URL_LENGTH)
                {
                    urlStreams.add(stream);
                }
                else
                {
                    subscribedStreams.add(stream);
                }
            }
            connection = new FeedConnection(
                context, BinanceStreams.combinedStreamUri(context.webSocketUri(), urlStreams), adapter, this,
                counters);
        }

        public void onSessionOpen(final Channel channel)
        {
            if (!subscribedStreams.isEmpty())
            {
                final List<String> requests = new ArrayList<>();
                for (int from = 0; from < subscribedStreams.size(); from += STREAMS_PER_SUBSCRIBE)
                {
                    requests.add(BinanceStreams.subscribeRequest(subscribedStreams.subList(
                        from, Math.min(subscribedStreams.size(), from + STREAMS_PER_SUBSCRIBE)), nextRequestId++));
                }
                ControlMessagePacer.send(channel, requests, context.controlMessagesPerSecond());
            }
            for (int i = 0; i < streams.size(); i++)
            {
                context.controlEventPublisher().publishStatus(
                    Venue.BINANCE, streamInstruments.get(i), VenueStatusCode.SUBSCRIBED, streams.get(i));
            }
        }

        public void onSessionClosed(final String reason)
        {
            if (depth == null)
            {
                return;
            }
            for (int i = 0; i < streams.size(); i++)
            {
                if (isDepth(streams.get(i).substring(streams.get(i).indexOf('@') + 1)))
                {
                    depth.onStreamLost(streamInstruments.get(i), "depth stream lost: " + reason);
                }
            }
        }
    }
}
