package zvt.crypto.feed.test;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.core.ring.MarketEventRing;
import zvt.crypto.core.ring.RingContext;
import zvt.crypto.feed.book.BookSync;
import zvt.crypto.feed.book.SyncCounters;
import zvt.crypto.feed.connection.FeedCounters;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.venue.FrameDecoder;
import zvt.crypto.feed.venue.VenueAdapter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * A venue decoder wired as the feed runner wires it, without sockets: core's real ring (an {@link EventCollector}
 * as its consumer, rendering every event as canonical text), a {@link FeedPublisher} with the venue's
 * {@link BookSync} (rules and checksums from the adapter), and {@link #deliver} bracketing each frame as a
 * connection does. Close it (draining the ring) before reading {@link #collector()}.
 */
public final class DecoderHarness implements AutoCloseable
{
    public static final long RECEIVE_TIME = 1_700_000_000_000_000_000L;

    private final EventCollector collector = new EventCollector();
    private final MarketEventRing ring =
        new MarketEventRing(new RingContext().ringSize(1 << 13), collector, List.of()).start();
    private final ControlEventPublisher status = new ControlEventPublisher(ring.ringBuffer(), () -> RECEIVE_TIME);
    private final FeedCounters counters = new FeedCounters(new CountersRegistry(), "test");
    private final SyncCounters syncCounters = new SyncCounters(new CountersRegistry(), "test");
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final FeedPublisher publisher;
    private final BookSync books;
    private final FrameDecoder decoder;
    private final VenueAdapter adapter;
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
    private final List<Integer> snapshotRequests = new ArrayList<>();
    private int session = 1;
    private int group;

    /** The adapter's own decoder, rule and checksum. */
    public DecoderHarness(final VenueAdapter adapter)
    {
        this(adapter.venue(), adapter, adapter::newDecoder);
    }

    /** With another decoder (e.g. one under test that the adapter does not yet return). */
    public DecoderHarness(
        final Venue venue, final VenueAdapter adapter, final Function<FeedPublisher, FrameDecoder> decoders)
    {
        this.adapter = adapter;
        publisher = new FeedPublisher(venue, ring.ringBuffer(), counters, syncCounters, adapter.decodeErrors());
        books = new BookSync(venue, ring.ringBuffer(), status, timers, () -> RECEIVE_TIME, syncCounters,
            adapter::newChecksum);
        if (adapter.bookSnapshotReader() != null)
        {
            books.restSnapshots((instrumentId, venueSymbol, callback) -> snapshotRequests.add(instrumentId),
                adapter.bookSnapshotReader());
        }
        publisher.books(books);
        decoder = decoders.apply(publisher);
    }

    /**
     * Routes {@code venueSymbol} (on connections of the current group) to a new instrument {@code instrumentId} of
     * {@code marketType}, whose book is followed by the adapter's rule.
     */
    public DecoderHarness instrument(final String venueSymbol, final int instrumentId, final MarketType marketType)
    {
        publisher.addSymbol(group, venueSymbol, instrumentId);
        books.addInstrument(instrumentId, venueSymbol, adapter.newBookRule(
            Instrument.of(instrumentId, adapter.venue(), marketType, venueSymbol, venueSymbol)));
        return this;
    }

    /** Frames delivered from now on come from session {@code session} on a connection of {@code group}. */
    public DecoderHarness session(final int session, final int group)
    {
        this.session = session;
        this.group = group;
        return this;
    }

    public void deliver(final String text)
    {
        deliver(text.getBytes(StandardCharsets.UTF_8));
    }

    public void deliver(final byte[] bytes)
    {
        frame.wrap(bytes);
        deliver(frame, 0, bytes.length);
    }

    /** Delivers bytes of a frame held elsewhere (e.g. by a fuzzer). */
    public void deliver(final DirectBuffer buffer, final int offset, final int length)
    {
        publisher.beginFrame(session, group, RECEIVE_TIME);
        decoder.decode(buffer, offset, length);
        publisher.endFrame();
    }

    /** Instruments whose REST book snapshot the book sync asked for, in order (answer with {@link #answer}). */
    public List<Integer> snapshotRequests()
    {
        return snapshotRequests;
    }

    /** Answers a REST book snapshot request with {@code body}. */
    public void answer(final int instrumentId, final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        books.onSnapshot(instrumentId, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    public FeedPublisher publisher()
    {
        return publisher;
    }

    public BookSync books()
    {
        return books;
    }

    public FeedCounters counters()
    {
        return counters;
    }

    public SyncCounters syncCounters()
    {
        return syncCounters;
    }

    /** Every event published, as canonical text; read after {@link #close()}. */
    public EventCollector collector()
    {
        return collector;
    }

    public void close()
    {
        timers.shutdownNow();
        ring.close();
    }
}
