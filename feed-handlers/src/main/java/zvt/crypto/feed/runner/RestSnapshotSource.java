package zvt.crypto.feed.runner;

import io.netty.util.concurrent.EventExecutor;
import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.feed.book.SnapshotCallback;
import zvt.crypto.feed.book.SnapshotSource;
import zvt.crypto.feed.rest.RestClient;
import zvt.crypto.feed.venue.VenueAdapter;
import zvt.crypto.feed.venue.VenueSettings;

/**
 * Book snapshots over the venue's REST API ({@link VenueAdapter#bookSnapshotRequest}) through the feed's shared
 * {@link RestClient}, which waits for the venue's request weight and retries 429/418 after Retry-After and 5xx with
 * backoff. The answer is handed to the callback on the feed's event loop. Thread-safe.
 */
final class RestSnapshotSource implements SnapshotSource
{
    private final VenueAdapter adapter;
    private final VenueSettings settings;
    private final InstrumentRegistry registry;
    private final RestClient client;
    private final EventExecutor loop;

    RestSnapshotSource(
        final VenueSettings settings,
        final InstrumentRegistry registry,
        final RestClient client,
        final EventExecutor loop)
    {
        this.adapter = settings.adapter();
        this.settings = settings;
        this.registry = registry;
        this.client = client;
        this.loop = loop;
    }

    public void requestSnapshot(final int instrumentId, final String venueSymbol, final SnapshotCallback callback)
    {
        final Instrument instrument = registry.byIdOrNull(instrumentId);
        client.execute(adapter.bookSnapshotRequest(settings, instrument)).whenComplete((response, failure) ->
            loop.execute(() ->
            {
                if (failure != null)
                {
                    callback.onSnapshotFailed(instrumentId, "book snapshot failed: " + failure);
                }
                else if (!response.isSuccess())
                {
                    callback.onSnapshotFailed(instrumentId, "book snapshot HTTP " + response.status() + ": " +
                        response.abbreviatedBody());
                }
                else
                {
                    final byte[] body = response.body();
                    callback.onSnapshot(instrumentId, new UnsafeBuffer(body), 0, body.length);
                }
            }));
    }
}
