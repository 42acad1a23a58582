package zvt.crypto.bench.feed;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.feed.book.BookSync;
import zvt.crypto.feed.book.SyncCounters;
import zvt.crypto.feed.connection.FeedCounters;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.venue.FrameDecoder;
import zvt.crypto.feed.venue.VenueAdapter;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A venue's decode path as the feed runner wires it (decoder → publisher → duplicate filter / book sync → ring
 * slot), on a bare single-producer ring nobody consumes (slots are overwritten), so a benchmark measures decoding
 * only. REST book snapshots are answered by the benchmark itself ({@link #answer}). Not thread-safe.
 */
public final class VenueDecodePath implements AutoCloseable
{
    private final VenueAdapter adapter;
    private final FeedCounters counters = new FeedCounters(new CountersRegistry(), "test");
    private final SyncCounters syncCounters = new SyncCounters(new CountersRegistry(), "test");
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final FeedPublisher publisher;
    private final BookSync books;
    private final FrameDecoder decoder;
    private int group;

    public VenueDecodePath(final VenueAdapter adapter)
    {
        this.adapter = adapter;
        final RingBuffer<MarketEvent> ring =
            RingBuffer.createSingleProducer(MarketEvent::new, 1024, new BusySpinWaitStrategy());
        publisher = new FeedPublisher(adapter.venue(), ring, counters, syncCounters, adapter.decodeErrors());
        books = new BookSync(adapter.venue(), ring, new ControlEventPublisher(ring, () -> 0L), timers, () -> 0L,
            syncCounters, adapter::newChecksum);
        if (adapter.bookSnapshotReader() != null)
        {
            books.restSnapshots((instrumentId, venueSymbol, callback) -> {}, adapter.bookSnapshotReader());
        }
        publisher.books(books);
        decoder = adapter.newDecoder(publisher);
    }

    /** Frames decoded from now on come from a connection of {@code group}. */
    public VenueDecodePath group(final int group)
    {
        this.group = group;
        return this;
    }

    /** An instrument on connections of the current group, with its book followed. */
    public VenueDecodePath instrument(final String venueSymbol, final int id, final MarketType marketType)
    {
        publisher.addSymbol(group, venueSymbol, id);
        books.addInstrument(id, venueSymbol,
            adapter.newBookRule(Instrument.of(id, adapter.venue(), marketType, venueSymbol, venueSymbol)));
        return this;
    }

    public void decode(final DirectBuffer buffer, final int offset, final int length)
    {
        publisher.beginFrame(1, group, 0L);
        decoder.decode(buffer, offset, length);
        publisher.endFrame();
    }

    /** Answers the book's REST snapshot request. */
    public void answer(final int instrumentId, final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        books.onSnapshot(instrumentId, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    public FeedCounters counters()
    {
        return counters;
    }

    public SyncCounters syncCounters()
    {
        return syncCounters;
    }

    /** Fails a benchmark run whose frames were rejected, fell out of sequence, or were never published. */
    public void verify()
    {
        if (counters.decodeErrors() != 0 || syncCounters.gaps() != 0 || counters.events() == 0)
        {
            throw new IllegalStateException("decode went wrong: " + counters + " " + syncCounters);
        }
    }

    public void close()
    {
        timers.shutdownNow();
    }
}
