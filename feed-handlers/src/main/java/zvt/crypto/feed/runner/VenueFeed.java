package zvt.crypto.feed.runner;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.codec.VenueStatusCode;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.core.instrument.NormalizedSymbol;
import zvt.crypto.feed.book.BookRule;
import zvt.crypto.feed.book.BookSync;
import zvt.crypto.feed.book.Resubscriber;
import zvt.crypto.feed.book.SnapshotSource;
import zvt.crypto.feed.book.SyncCounters;
import zvt.crypto.feed.connection.DecodeErrorLog;
import zvt.crypto.feed.connection.FeedConnection;
import zvt.crypto.feed.connection.FeedContext;
import zvt.crypto.feed.connection.FeedCounters;
import zvt.crypto.feed.connection.RateLimitedLog;
import zvt.crypto.feed.connection.SessionListener;
import zvt.crypto.feed.publish.FeedControl;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.rest.RestClient;
import zvt.crypto.feed.rest.RestClientContext;
import zvt.crypto.feed.rest.RestCounters;
import zvt.crypto.feed.venue.ConnectionLimits;
import zvt.crypto.feed.venue.FrameDecoder;
import zvt.crypto.feed.venue.Keepalive;
import zvt.crypto.feed.venue.VenueAdapter;
import zvt.crypto.feed.venue.VenueSettings;
import zvt.crypto.feed.venue.VenueStream;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One venue's feed, whatever the venue: the generic runner around a {@link VenueAdapter}. It interns the configured
 * symbols, asks the adapter for their streams, shards them over connections of at most the venue's limit per
 * connection group, and runs every connection, the venue's decoder, the {@link FeedPublisher} and the
 * {@link BookSync} on one event loop (one writer for all of the feed's state). Each connection:
 * <ul>
 *     <li>subscribes on every new session, paced to the venue's control-message rate, and reports SUBSCRIBED;</li>
 *     <li>is replaced with an overlap before the venue's session age and when the venue announces a shutdown
 *     (duplicates of the overlap are dropped by the publisher and the book sync);</li>
 *     <li>sends the venue's keepalive, probes a silent session and replaces it if the probe goes unanswered;</li>
 *     <li>reconnects with backoff and jitter when lost; its books are stale (GAP_DETECTED) until they resync.</li>
 * </ul>
 * With a REST address the venue's reference data refines the instruments at launch, before the feed connects, and
 * books that need REST snapshots get them through a shared, rate-limited {@link RestClient}.
 * <p>
 * {@link #launch} and {@link #close} may be called from any thread; the counters and accessors are thread-safe.
 */
public final class VenueFeed implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(VenueFeed.class);
    /** How long the feed waits for the venue's reference data before it connects without it. */
    static final long REFERENCE_DATA_TIMEOUT_MS = 10_000;

    private final VenueAdapter adapter;
    private final VenueSettings settings;
    private final FeedContext context;
    private final String name;
    private final List<Instrument> instruments = new ArrayList<>();
    private final FeedCounters counters;
    private final SyncCounters syncCounters;
    private final FeedPublisher publisher;
    private final FrameDecoder decoder;
    private BookSync books;
    private final List<Shard> shards = new ArrayList<>();
    private final EventLoopGroup ownedGroup;
    private final EventLoop loop;
    private final RestClient restClient;
    private final ConnectionLimits limits;
    private final Keepalive keepalive;
    private final RateLimitedLog resyncLog = new RateLimitedLog(LOG, RateLimitedLog.INTERVAL_MS_DEFAULT);
    private boolean closed;

    private VenueFeed(final VenueSettings settings, final FeedContext context)
    {
        this.adapter = settings.adapter();
        this.settings = settings;
        this.context = context;
        this.name = adapter.configName();
        counters = new FeedCounters(context.counters(), name);
        syncCounters = new SyncCounters(context.counters(), name);
        final ConnectionLimits venueLimits = adapter.limits();
        limits = new ConnectionLimits(
            context.maxStreamsPerConnection() > 0 ? context.maxStreamsPerConnection() :
                venueLimits.maxStreamsPerConnection(),
            context.controlMessagesPerSecond() > 0 ? context.controlMessagesPerSecond() :
                venueLimits.controlMessagesPerSecond(),
            venueLimits.streamsPerSubscribe());
        keepalive = context.keepalive() != null ? context.keepalive() : adapter.keepalive();
        if (context.eventLoopGroup() == null)
        {
            // One loop for every connection: the decoder, publisher and books then have a single thread.
            ownedGroup = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory(name + "-feed"), NioIoHandler.newFactory());
            context.eventLoopGroup(ownedGroup);
        }
        else
        {
            ownedGroup = null;
        }
        loop = context.eventLoopGroup().next();
        restClient = settings.restUrl() == null ? null : new RestClient(new RestClientContext()
            .name(name + "-rest")
            .counters(new RestCounters(context.counters(), "zvt_feed_rest_requests", "venue", name))
            .limiter(adapter.newRestLimiter()));

        publisher = new FeedPublisher(adapter.venue(), context.ringBuffer(), counters, syncCounters,
            adapter.decodeErrors());
        decoder = adapter.newDecoder(publisher);
    }

    /** Interns the instruments, builds the book sync and shards the streams; the caller closes the feed on failure. */
    private void wire(final SnapshotSource snapshots)
    {
        final List<VenueStream> streams = new ArrayList<>();
        for (final NormalizedSymbol symbol : settings.symbols())
        {
            final Instrument instrument = context.instrumentRegistry().intern(
                adapter.venue(), symbol.marketType(), adapter.venueSymbol(symbol), symbol.toString());
            instruments.add(instrument);
            streams.addAll(adapter.streams(instrument, settings.channels()));
        }
        if (streams.stream().anyMatch(VenueStream::book))
        {
            books = newBookSync(snapshots);
        }
        publisher.books(books).control(new Control());
        for (final VenueStream stream : streams)
        {
            publisher.addSymbol(stream.group(), stream.venueSymbol(), stream.instrumentId());
            if (stream.book())
            {
                final BookRule rule =
                    adapter.newBookRule(context.instrumentRegistry().byIdOrNull(stream.instrumentId()));
                if (rule.restSnapshotDelayMs() == 0 && !books.hasRestSnapshots())
                {
                    throw new IllegalArgumentException(name + ".channels: " + stream.channel() + " needs " + name +
                        ".rest.url for its book snapshots");
                }
                books.addInstrument(stream.instrumentId(), stream.venueSymbol(), rule);
            }
        }
        final Map<Integer, List<VenueStream>> byGroup = new LinkedHashMap<>();
        streams.forEach(stream -> byGroup.computeIfAbsent(stream.group(), g -> new ArrayList<>()).add(stream));
        byGroup.forEach((group, groupStreams) ->
        {
            for (int from = 0; from < groupStreams.size(); from += limits.maxStreamsPerConnection())
            {
                shards.add(new Shard(group, groupStreams.subList(
                    from, Math.min(groupStreams.size(), from + limits.maxStreamsPerConnection()))));
            }
        });
    }

    /**
     * Interns the instruments and starts connecting (in the background).
     *
     * @param settings the venue and its configuration.
     * @param context  connection settings and the pipeline (ring, registry, status publisher); its venue is set
     *                 here.
     * @throws IllegalArgumentException if the settings or the context are incomplete or invalid.
     */
    public static VenueFeed launch(final VenueSettings settings, final FeedContext context)
    {
        return launch(settings, context, null);
    }

    /** As {@link #launch(VenueSettings, FeedContext)}, with REST book snapshots from {@code snapshots} (e.g. a test source). */
    public static VenueFeed launch(final VenueSettings settings, final FeedContext context, final SnapshotSource snapshots)
    {
        context.venue(settings.adapter().venue()).conclude();
        final VenueFeed feed = new VenueFeed(settings, context);
        try
        {
            feed.wire(snapshots);
        }
        catch (final RuntimeException ex)
        {
            feed.close();
            throw ex;
        }
        final CompletableFuture<Void> referenceData = feed.restClient == null ?
            CompletableFuture.completedFuture(null) :
            feed.adapter.refineInstruments(feed.restClient, settings, context.instrumentRegistry(), feed.instruments);
        referenceData.orTimeout(REFERENCE_DATA_TIMEOUT_MS, TimeUnit.MILLISECONDS)
            .whenComplete((ignored, failure) -> feed.connect(failure != null));
        return feed;
    }

    /**
     * Connects once the reference data is in, so every instrument's definition precedes its first event in the
     * journal; instruments the venue did not describe are journaled as they are, with tick and lot unknown.
     */
    private synchronized void connect(final boolean referenceDataTimedOut)
    {
        if (closed)
        {
            return;
        }
        if (referenceDataTimedOut)
        {
            LOG.warn("{}: no reference data after {} ms; connecting with tick and lot sizes unknown",
                name, REFERENCE_DATA_TIMEOUT_MS);
        }
        final ControlEventPublisher definitions = context.controlEventPublisher();
        for (final Instrument interned : instruments)
        {
            final Instrument instrument = context.instrumentRegistry().byIdOrNull(interned.id());
            if (definitions != null && !instrument.sizesKnown())
            {
                definitions.publishDefinition(instrument);
            }
        }
        for (final Shard shard : shards)
        {
            shard.connection.start();
        }
    }

    public VenueAdapter adapter()
    {
        return adapter;
    }

    /** The instruments this feed subscribes, in configuration order. */
    public List<Instrument> instruments()
    {
        return instruments;
    }

    /** The address of the first connection. */
    public URI uri()
    {
        return shards.getFirst().connection.uri();
    }

    /** The event loop every connection, the decoder and the books of this feed run on. */
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
        return shards.stream().allMatch(shard -> shard.connection.isOpen());
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

    /** Rejected frames by the venue's reasons. */
    public DecodeErrorLog decodeErrors()
    {
        return publisher.errors();
    }

    /** True once the instrument's book is good; false if it is not or the feed has no book for it. Loop only. */
    /** @return true if this feed keeps order books (it subscribes to a book channel). */
    public boolean keepsBooks()
    {
        return books != null;
    }

    public boolean isBookLive(final int instrumentId)
    {
        return books != null && books.isLive(instrumentId);
    }

    /** Replaces every session with an overlapping new one now (what a venue's shutdown notice does). */
    public void rotateConnections(final String reason)
    {
        shards.forEach(shard -> shard.connection.rotate(reason));
    }

    /** Closes the connections (publishing DISCONNECTED); close it before the ring. */
    public void close()
    {
        synchronized (this)
        {
            closed = true;
        }
        shards.forEach(shard -> shard.connection.close());
        if (restClient != null)
        {
            restClient.close();
        }
        if (ownedGroup != null)
        {
            ownedGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10_000);
        }
    }

    private BookSync newBookSync(final SnapshotSource snapshots)
    {
        final BookSync sync = new BookSync(adapter.venue(), context.ringBuffer(), context.controlEventPublisher(),
            loop, context.clock(), syncCounters, adapter::newChecksum);
        if (adapter.bookSnapshotReader() != null && (snapshots != null || restClient != null))
        {
            sync.restSnapshots(snapshots != null ? snapshots :
                new RestSnapshotSource(settings, context.instrumentRegistry(), restClient, loop),
                adapter.bookSnapshotReader());
        }
        return sync.resubscriber(new BookResubscriber());
    }

    private Shard shardOfSession(final int session)
    {
        for (final Shard shard : shards)
        {
            if (shard.connection.hasSession(session))
            {
                return shard;
            }
        }
        return null;
    }

    /** What the decoder may ask of the feed. */
    private final class Control implements FeedControl
    {
        public void rotateAll(final String reason)
        {
            LOG.info("{}: {}; replacing every connection now", name, reason);
            rotateConnections(reason);
        }

        public void resync(final int session, final String reason)
        {
            final Shard shard = shardOfSession(session);
            if (shard != null)
            {
                resyncLog.warn("{}: session {} {}; its books are stale until a new session resyncs them",
                    name, session, reason);
                shard.booksLost(reason);
                shard.connection.rotate(reason);
            }
        }
    }

    /** Asks the venue again for a book's stream, on the connection that carries it. */
    private final class BookResubscriber implements Resubscriber
    {
        public void resubscribe(final int instrumentId, final String reason)
        {
            for (final Shard shard : shards)
            {
                for (final VenueStream stream : shard.streams)
                {
                    if (stream.book() && stream.instrumentId() == instrumentId)
                    {
                        final List<String> messages = new ArrayList<>(adapter.unsubscribeMessages(List.of(stream)));
                        messages.addAll(adapter.subscribeMessages(settings, shard.group, List.of(stream)));
                        shard.connection.send(messages, limits.controlMessagesPerSecond());
                    }
                }
            }
        }
    }

    /** One connection and the streams it carries. */
    private final class Shard implements SessionListener
    {
        private final int group;
        private final List<VenueStream> streams;
        private final FeedConnection connection;

        Shard(final int group, final List<VenueStream> streams)
        {
            this.group = group;
            this.streams = List.copyOf(streams);
            connection = new FeedConnection(context, adapter.webSocketUri(settings, group, this.streams), keepalive,
                this::onFrame, this, counters);
        }

        private void onFrame(final int session, final DirectBuffer buffer, final int offset, final int length)
        {
            final EpochNanoClock clock = context.clock();
            publisher.beginFrame(session, group, clock.nanoTime());
            decoder.decode(buffer, offset, length);
            publisher.endFrame();
        }

        public void onSessionOpen(final Channel channel, final int session)
        {
            final List<String> requests = adapter.subscribeMessages(settings, group, streams);
            if (!requests.isEmpty())
            {
                connection.send(requests, limits.controlMessagesPerSecond());
            }
            for (final VenueStream stream : streams)
            {
                context.controlEventPublisher().publishStatus(
                    adapter.venue(), stream.instrumentId(), VenueStatusCode.SUBSCRIBED, stream.name());
                if (stream.book())
                {
                    books.awaitSnapshot(stream.instrumentId(), keepalive.silenceMs() + keepalive.probeTimeoutMs());
                }
            }
        }

        public void onSessionClosed(final String reason)
        {
            booksLost("stream lost: " + reason);
        }

        void booksLost(final String reason)
        {
            for (final VenueStream stream : streams)
            {
                if (stream.book())
                {
                    books.onStreamLost(stream.instrumentId(), reason.toLowerCase(Locale.ROOT));
                }
            }
        }
    }
}
