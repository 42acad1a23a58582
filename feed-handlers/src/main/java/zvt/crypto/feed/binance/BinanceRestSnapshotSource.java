package zvt.crypto.feed.binance;

import io.netty.util.concurrent.EventExecutor;
import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.feed.rest.RestClient;
import zvt.crypto.feed.rest.RestRequest;
import zvt.crypto.feed.book.SnapshotCallback;
import zvt.crypto.feed.book.SnapshotSource;

/**
 * Depth snapshots from Binance REST {@code GET /api/v3/depth?symbol=&limit=} through the shared {@link RestClient}
 * (which waits for the venue's request weight and retries 429/418 after Retry-After and 5xx with backoff). The
 * answer is handed to the callback on the feed's event loop. Thread-safe.
 */
public final class BinanceRestSnapshotSource implements SnapshotSource
{
    private final RestClient client;
    private final String restUri;
    private final int limit;
    private final EventExecutor loop;

    /**
     * @param client  shared REST client of the venue.
     * @param restUri e.g. {@code https://api.binance.com}.
     * @param limit   levels per side (Binance: up to 5000; weight 5/25/50/250 by limit).
     * @param loop    the feed's event loop, where callbacks run.
     */
    public BinanceRestSnapshotSource(
        final RestClient client, final String restUri, final int limit, final EventExecutor loop)
    {
        this.client = client;
        this.restUri = restUri;
        this.limit = limit;
        this.loop = loop;
    }

    public void requestSnapshot(final int instrumentId, final String venueSymbol, final SnapshotCallback callback)
    {
        final RestRequest request = RestRequest.get(restUri, "/api/v3/depth")
            .query("symbol", venueSymbol)
            .query("limit", limit)
            .weight(weight(limit));
        client.execute(request).whenComplete((response, failure) -> loop.execute(() ->
        {
            if (failure != null)
            {
                callback.onSnapshotFailed(instrumentId, "depth snapshot failed: " + failure);
            }
            else if (!response.isSuccess())
            {
                callback.onSnapshotFailed(instrumentId, "depth snapshot HTTP " + response.status() + ": " +
                    response.abbreviatedBody());
            }
            else
            {
                final byte[] body = response.body();
                callback.onSnapshot(instrumentId, new UnsafeBuffer(body), 0, body.length);
            }
        }));
    }

    /** Binance request weight of a depth request. */
    static int weight(final int limit)
    {
        return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
    }
}
