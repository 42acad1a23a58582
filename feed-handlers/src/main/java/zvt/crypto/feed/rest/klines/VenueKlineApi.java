package zvt.crypto.feed.rest.klines;

import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.feed.rest.RequestWeightLimiter;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What every venue's kline endpoint has, as data: the venue, its production address, its page size and its public
 * request budget; plus the parser scratch space. Subclasses say how to ask and how to read.
 */
public abstract class VenueKlineApi implements KlineApi
{
    protected final KlineJson json;
    protected final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private final Venue venue;
    private final String defaultBaseUri;
    private final int pageSize;
    private final long budget;
    private final long budgetWindow;
    private final TimeUnit budgetUnit;

    protected VenueKlineApi(
        final Venue venue,
        final String defaultBaseUri,
        final int pageSize,
        final long budget,
        final long budgetWindow,
        final TimeUnit budgetUnit)
    {
        this.venue = venue;
        this.defaultBaseUri = defaultBaseUri;
        this.pageSize = pageSize;
        this.budget = budget;
        this.budgetWindow = budgetWindow;
        this.budgetUnit = budgetUnit;
        this.json = new KlineJson(venue.name().toLowerCase(Locale.ROOT));
    }

    public final Venue venue()
    {
        return venue;
    }

    public final String defaultBaseUri()
    {
        return defaultBaseUri;
    }

    public final int pageSize()
    {
        return pageSize;
    }

    public final RequestWeightLimiter newLimiter()
    {
        return new RequestWeightLimiter(budget, budgetWindow, budgetUnit);
    }
}
