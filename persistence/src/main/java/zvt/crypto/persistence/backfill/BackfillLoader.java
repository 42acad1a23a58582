package zvt.crypto.persistence.backfill;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.ProducerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.candle.CandleBar;
import zvt.crypto.core.candle.CandleIntervals;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.core.ring.MarketEventRing;
import zvt.crypto.core.ring.RingContext;
import zvt.crypto.core.ring.WaitStrategyType;
import zvt.crypto.feed.rest.RestClient;
import zvt.crypto.feed.rest.RestClientContext;
import zvt.crypto.feed.rest.RestCounters;
import zvt.crypto.feed.rest.klines.KlineApi;
import zvt.crypto.feed.rest.klines.KlineFetcher;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.journal.JournalEventHandler;
import zvt.crypto.journal.JournalInstruments;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The crypto-data-loader: backfills one venue, symbol and interval over a time range from the venue's REST klines
 * into the journal, as Candle events with source REST published through a ring whose first consumer is the journal
 * (the same path as live events, so the database writer persists them like any other). The instrument's definition
 * is journaled first if the journal does not know it yet.
 * <p>
 * Resumable: it starts after the last REST candle the journal already holds for that venue, instrument and interval
 * ({@link RestCandleResumePoint}), and it journals each page's candles in time order, so however it is interrupted a
 * new run continues without gaps or duplicates. Rate limits and retries with backoff are the {@link RestClient}'s;
 * a page that fails for good ends the run with that error (what was journaled stays).
 * <p>
 * Threading: {@link #run()} blocks the calling thread; {@link #stop()} may be called from any thread (e.g. a
 * shutdown hook) and ends the run after the current page.
 */
public final class BackfillLoader
{
    private static final Logger LOG = LoggerFactory.getLogger(BackfillLoader.class);
    private static final int LOG_EVERY_PAGES = 100;

    private final BackfillContext context;
    private final BackfillProgress progress;
    private final RestCounters requests;
    private volatile boolean stopRequested;

    public BackfillLoader(final BackfillContext context)
    {
        this.context = context.conclude();
        final String venue = context.venue().name().toLowerCase(Locale.ROOT);
        final String interval = CandleIntervals.shortName(context.interval());
        progress = new BackfillProgress(context.counters(), venue, interval);
        requests = new RestCounters(context.counters(), "zvt_backfill_requests", "venue", venue, "interval", interval);
    }

    /** Ends the run after the page in progress is journaled. */
    public void stop()
    {
        stopRequested = true;
    }

    /**
     * Runs the backfill to the end of the range (or until stopped).
     *
     * @throws IOException          when a page fails for good (the venue's error, retries exhausted).
     * @throws InterruptedException when the thread is interrupted; what was journaled stays.
     */
    public BackfillResult run() throws IOException, InterruptedException
    {
        final boolean ownsJournal = context.journal() == null;
        final Journal journal = ownsJournal ?
            Journal.open(new JournalContext().directory(context.journalDirectory())) : context.journal();
        try
        {
            return run(journal);
        }
        finally
        {
            if (ownsJournal)
            {
                journal.close();
            }
        }
    }

    private BackfillResult run(final Journal journal) throws IOException, InterruptedException
    {
        final KlineApi api = context.api();
        final String venueSymbol = api.venueSymbol(context.symbol());
        final InstrumentRegistry instruments = new InstrumentRegistry();
        JournalInstruments.restore(journal, instruments);
        final Instrument known = instruments.byVenueSymbol(context.venue(), context.marketType(), venueSymbol);
        final long resumeFromMs = known == null ? context.fromMs() : RestCandleResumePoint.resumeFromMs(
            journal, context.venue(), known.id(), context.interval(), context.fromMs());
        if (resumeFromMs > context.fromMs())
        {
            LOG.info("backfill {} {} {}: the journal already holds REST candles up to {}; resuming at {}",
                context.venue(), context.symbol(), CandleIntervals.shortName(context.interval()),
                Instant.ofEpochMilli(resumeFromMs - CandleIntervals.millis(context.interval())),
                Instant.ofEpochMilli(resumeFromMs));
        }

        final MarketEventRing ring = new MarketEventRing(
            // SINGLE: candles and the definition (via the registry listener) are all published on this thread.
            new RingContext().ringSize(context.ringSize()).waitStrategy(WaitStrategyType.BLOCKING)
                .producerType(ProducerType.SINGLE),
            new JournalEventHandler(journal, instruments),
            List.of()).start();
        try (RestClient client = new RestClient(new RestClientContext()
            .name(context.venue().name().toLowerCase(Locale.ROOT) + "-backfill")
            .counters(requests)
            .limiter(context.limiter())
            .maxAttempts(context.maxAttempts())
            .requestTimeoutMs(context.requestTimeoutMs())
            .retryInitialDelayMs(context.retryInitialDelayMs())
            .retryMaxDelayMs(context.retryMaxDelayMs())))
        {
            final ControlEventPublisher publisher = new ControlEventPublisher(ring.ringBuffer(), context.clock());
            instruments.addListener(publisher::publishDefinition);
            final Instrument instrument =
                instruments.intern(context.venue(), context.marketType(), venueSymbol, context.symbol());
            final CandlePublisher candles = new CandlePublisher(ring.ringBuffer());
            final KlineFetcher.Result fetched = resumeFromMs >= context.toMs() ?
                new KlineFetcher.Result(0, 0, resumeFromMs, true) :
                new KlineFetcher(client, api, context.baseUri(), context.clock()).fetch(
                    venueSymbol, instrument.id(), context.interval(), resumeFromMs, context.toMs(),
                    (page, windowStartMs, windowEndMs) ->
                    {
                        candles.publish(page);
                        progress.page(page.size(), windowEndMs);
                        if (candles.pages % LOG_EVERY_PAGES == 0)
                        {
                            LOG.info("backfill {} {}: {} candles journaled, at {}", context.venue(),
                                context.symbol(), candles.published, Instant.ofEpochMilli(windowEndMs));
                        }
                        return !stopRequested;
                    });
            final BackfillResult result = new BackfillResult(context.venue(), context.symbol(), context.interval(),
                instrument.id(), resumeFromMs, fetched.nextFromMs(), fetched.pages(), candles.published,
                client.counters().attempts(), client.counters().retries(), fetched.completed());
            LOG.info("backfill {} {} {} [{}, {}): {} candles in {} pages, {} requests ({} retries){}",
                context.venue(), context.symbol(), CandleIntervals.shortName(context.interval()),
                Instant.ofEpochMilli(resumeFromMs), Instant.ofEpochMilli(context.toMs()), result.candles(),
                result.pages(), result.requests(), result.retries(), result.completed() ? "" : ", stopped early");
            return result;
        }
        finally
        {
            // Drains every published candle into the journal before returning, even on failure.
            ring.close();
        }
    }

    /** Writes candles into ring slots, in order. Used on the loader's thread only. */
    private static final class CandlePublisher
    {
        private final RingBuffer<MarketEvent> ring;
        long published;
        long pages;

        CandlePublisher(final RingBuffer<MarketEvent> ring)
        {
            this.ring = ring;
        }

        void publish(final List<CandleBar> page)
        {
            for (final CandleBar bar : page)
            {
                final long sequence = ring.next();
                try
                {
                    final MarketEvent event = ring.get(sequence).reset();
                    event.length(bar.encode(event.buffer(), 0));
                }
                finally
                {
                    ring.publish(sequence);
                }
                published++;
            }
            pages++;
        }
    }
}
