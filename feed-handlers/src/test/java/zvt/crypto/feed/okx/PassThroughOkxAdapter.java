package zvt.crypto.feed.okx;

import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.NormalizedSymbol;
import zvt.crypto.feed.book.BookChecksum;
import zvt.crypto.feed.book.BookFields;
import zvt.crypto.feed.book.BookRule;
import zvt.crypto.feed.connection.DecodeError;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.rest.RequestWeightLimiter;
import zvt.crypto.feed.venue.ConnectionLimits;
import zvt.crypto.feed.venue.FrameDecoder;
import zvt.crypto.feed.venue.Keepalive;
import zvt.crypto.feed.venue.VenueAdapter;
import zvt.crypto.feed.venue.VenueSettings;
import zvt.crypto.feed.venue.VenueStream;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The OKX adapter for tests: either with a book rule that publishes every book message as it comes (snapshots as
 * snapshots, updates as deltas) and no checksum, the decoder's output one frame at a time without the sequencing
 * around it; or with OKX's own rule and the checksums a test supplies (e.g. counting ones).
 */
final class PassThroughOkxAdapter implements VenueAdapter
{
    private final OkxAdapter okx = new OkxAdapter();
    private final boolean passThrough;
    private final Supplier<BookChecksum> checksums;

    /** Pass-through rule, no checksum. */
    PassThroughOkxAdapter()
    {
        this(true, () -> null);
    }

    PassThroughOkxAdapter(final boolean passThrough, final Supplier<BookChecksum> checksums)
    {
        this.passThrough = passThrough;
        this.checksums = checksums;
    }

    public BookChecksum newChecksum()
    {
        return checksums.get();
    }

    public Venue venue()
    {
        return okx.venue();
    }

    public Map<String, String> defaults()
    {
        return okx.defaults();
    }

    public String venueSymbol(final NormalizedSymbol symbol)
    {
        return okx.venueSymbol(symbol);
    }

    public List<VenueStream> streams(final Instrument instrument, final List<String> channels)
    {
        return okx.streams(instrument, channels);
    }

    public ConnectionLimits limits()
    {
        return okx.limits();
    }

    public URI webSocketUri(final VenueSettings settings, final int group, final List<VenueStream> streams)
    {
        return okx.webSocketUri(settings, group, streams);
    }

    public List<String> subscribeMessages(final VenueSettings settings, final int group, final List<VenueStream> streams)
    {
        return okx.subscribeMessages(settings, group, streams);
    }

    public List<String> unsubscribeMessages(final List<VenueStream> streams)
    {
        return okx.unsubscribeMessages(streams);
    }

    public Keepalive keepalive()
    {
        return okx.keepalive();
    }

    public DecodeError[] decodeErrors()
    {
        return okx.decodeErrors();
    }

    public FrameDecoder newDecoder(final FeedPublisher publisher)
    {
        return okx.newDecoder(publisher);
    }

    public BookRule newBookRule(final Instrument instrument)
    {
        if (!passThrough)
        {
            return okx.newBookRule(instrument);
        }
        return new BookRule()
        {
            public Action onMessage(final BookFields message)
            {
                return message.isSnapshot() ? Action.SNAPSHOT : Action.APPLY;
            }

            public boolean onRestSnapshot(final long snapshotId)
            {
                return true;
            }

            public void reset()
            {
            }

            public boolean isLive()
            {
                return true;
            }

            public Resync resync()
            {
                return Resync.RESUBSCRIBE;
            }

            public long restSnapshotDelayMs()
            {
                return -1;
            }

            public String gapReason(final BookFields message)
            {
                return "";
            }
        };
    }

    public RequestWeightLimiter newRestLimiter()
    {
        return okx.newRestLimiter();
    }
}
