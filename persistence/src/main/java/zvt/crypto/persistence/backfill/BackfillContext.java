package zvt.crypto.persistence.backfill;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.feed.rest.RequestWeightLimiter;
import zvt.crypto.feed.rest.klines.KlineApi;
import zvt.crypto.journal.Journal;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What to backfill and where: venue, normalized symbol, interval, time range {@code [fromMs, toMs)}, the venue's REST
 * base address, the journal (an open one, or a directory to open), retry and timeout settings. Fluent setters;
 * {@link #conclude()} validates once and fills defaults. Not thread-safe: build it on one thread.
 */
public final class BackfillContext
{
    public static final int RING_SIZE_DEFAULT = 4_096;
    public static final int MAX_ATTEMPTS_DEFAULT = 8;
    public static final long REQUEST_TIMEOUT_MS_DEFAULT = 30_000;

    private Venue venue;
    private String symbol;
    private MarketType marketType = MarketType.SPOT;
    private CandleInterval interval = CandleInterval.M1;
    private long fromMs = Long.MIN_VALUE;
    private long toMs = Long.MIN_VALUE;
    private String baseUri;
    private Journal journal;
    private Path journalDirectory;
    private KlineApi api;
    private RequestWeightLimiter limiter;
    private int maxAttempts = MAX_ATTEMPTS_DEFAULT;
    private long requestTimeoutMs = REQUEST_TIMEOUT_MS_DEFAULT;
    private long retryInitialDelayMs = 500;
    private long retryMaxDelayMs = 30_000;
    private int ringSize = RING_SIZE_DEFAULT;
    private EpochNanoClock clock;
    private CountersRegistry counters;
    private boolean concluded;

    public BackfillContext venue(final Venue venue)
    {
        this.venue = venue;
        return this;
    }

    public Venue venue()
    {
        return venue;
    }

    /** Normalized {@code BASE-QUOTE}, e.g. {@code BTC-USDT}. */
    public BackfillContext symbol(final String symbol)
    {
        this.symbol = symbol;
        return this;
    }

    public String symbol()
    {
        return symbol;
    }

    public BackfillContext marketType(final MarketType marketType)
    {
        this.marketType = marketType;
        return this;
    }

    public MarketType marketType()
    {
        return marketType;
    }

    public BackfillContext interval(final CandleInterval interval)
    {
        this.interval = interval;
        return this;
    }

    public CandleInterval interval()
    {
        return interval;
    }

    /** First open time wanted (epoch ms, inclusive). */
    public BackfillContext fromMs(final long fromMs)
    {
        this.fromMs = fromMs;
        return this;
    }

    public long fromMs()
    {
        return fromMs;
    }

    /** End of the range (epoch ms, exclusive); candles still forming are never journaled. */
    public BackfillContext toMs(final long toMs)
    {
        this.toMs = toMs;
        return this;
    }

    public long toMs()
    {
        return toMs;
    }

    /** The venue's REST base address; default the production one ({@code https://api.binance.com}, …). */
    public BackfillContext baseUri(final String baseUri)
    {
        this.baseUri = baseUri;
        return this;
    }

    public String baseUri()
    {
        return baseUri;
    }

    /** An open journal to append to (the caller closes it); or set {@link #journalDirectory}. */
    public BackfillContext journal(final Journal journal)
    {
        this.journal = journal;
        return this;
    }

    public Journal journal()
    {
        return journal;
    }

    /** Journal directory the loader opens and closes itself. */
    public BackfillContext journalDirectory(final Path journalDirectory)
    {
        this.journalDirectory = journalDirectory;
        return this;
    }

    public Path journalDirectory()
    {
        return journalDirectory;
    }

    /** The venue's kline API; default {@link KlineApi#of(Venue)}. */
    public BackfillContext api(final KlineApi api)
    {
        this.api = api;
        return this;
    }

    public KlineApi api()
    {
        return api;
    }

    /** The venue's request budget; default the API's public limit. */
    public BackfillContext limiter(final RequestWeightLimiter limiter)
    {
        this.limiter = limiter;
        return this;
    }

    public RequestWeightLimiter limiter()
    {
        return limiter;
    }

    public BackfillContext maxAttempts(final int maxAttempts)
    {
        this.maxAttempts = maxAttempts;
        return this;
    }

    public int maxAttempts()
    {
        return maxAttempts;
    }

    public BackfillContext requestTimeoutMs(final long requestTimeoutMs)
    {
        this.requestTimeoutMs = requestTimeoutMs;
        return this;
    }

    public long requestTimeoutMs()
    {
        return requestTimeoutMs;
    }

    public BackfillContext retryInitialDelayMs(final long retryInitialDelayMs)
    {
        this.retryInitialDelayMs = retryInitialDelayMs;
        return this;
    }

    public long retryInitialDelayMs()
    {
        return retryInitialDelayMs;
    }

    public BackfillContext retryMaxDelayMs(final long retryMaxDelayMs)
    {
        this.retryMaxDelayMs = retryMaxDelayMs;
        return this;
    }

    public long retryMaxDelayMs()
    {
        return retryMaxDelayMs;
    }

    public BackfillContext ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    public int ringSize()
    {
        return ringSize;
    }

    /** Wall clock for receive times and for what has closed; default {@link OffsetEpochNanoClock}. */
    public BackfillContext clock(final EpochNanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    public EpochNanoClock clock()
    {
        return clock;
    }

    /** The node's counters registry, where the run counts candles, pages and requests; a fresh one if not set. */
    public BackfillContext counters(final CountersRegistry counters)
    {
        this.counters = counters;
        return this;
    }

    public CountersRegistry counters()
    {
        return counters;
    }

    /**
     * Validates and fills defaults; idempotent.
     *
     * @throws IllegalArgumentException naming the first setting that is missing or invalid.
     */
    public BackfillContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        require(venue != null, "venue is required");
        require(symbol != null && !symbol.isBlank(), "symbol is required");
        symbol = symbol.trim().toUpperCase(Locale.ROOT);
        require(symbol.matches("[A-Z0-9]+-[A-Z0-9]+"), "symbol must be BASE-QUOTE, e.g. BTC-USDT: " + symbol);
        require(interval != null, "interval is required");
        require(fromMs != Long.MIN_VALUE, "from is required");
        require(toMs != Long.MIN_VALUE, "to is required");
        require(fromMs < toMs, "from must be before to: " + fromMs + " >= " + toMs);
        require(journal != null || journalDirectory != null, "a journal or a journal directory is required");
        require(maxAttempts > 0, "maxAttempts must be positive: " + maxAttempts);
        require(requestTimeoutMs > 0, "requestTimeoutMs must be positive: " + requestTimeoutMs);
        require(ringSize > 0 && Integer.bitCount(ringSize) == 1, "ringSize must be a power of two: " + ringSize);
        if (api == null)
        {
            api = KlineApi.of(venue);
        }
        require(api.venue() == venue, "the kline API is for " + api.venue() + ", not " + venue);
        require(api.supports(interval), venue + " has no " + interval + " klines");
        if (baseUri == null || baseUri.isBlank())
        {
            baseUri = api.defaultBaseUri();
        }
        if (limiter == null)
        {
            limiter = api.newLimiter();
        }
        if (clock == null)
        {
            clock = new OffsetEpochNanoClock();
        }
        if (counters == null)
        {
            counters = new CountersRegistry();
        }
        concluded = true;
        return this;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
