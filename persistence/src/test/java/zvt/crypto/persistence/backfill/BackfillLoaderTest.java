package zvt.crypto.persistence.backfill;

import io.netty.handler.codec.http.QueryStringDecoder;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.candle.CandleBar;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.CandleSource;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;
import zvt.crypto.feed.rest.RequestWeightLimiter;
import zvt.crypto.feed.rest.RestException;
import zvt.crypto.feed.simulator.rest.BinanceKlinesRoute;
import zvt.crypto.feed.simulator.rest.RestFaults;
import zvt.crypto.feed.simulator.rest.RestRoute;
import zvt.crypto.feed.simulator.rest.RestSimulator;
import zvt.crypto.feed.simulator.rest.RestSimulatorContext;
import zvt.crypto.feed.simulator.rest.SimulatedReply;
import zvt.crypto.feed.simulator.rest.SyntheticCandle;
import zvt.crypto.feed.simulator.rest.SyntheticCandleMarket;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.journal.JournalReader;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loader end to end: a real REST simulator speaking Binance's kline API with faults, a real Chronicle journal.
 */
class BackfillLoaderTest
{
    private static final long MINUTE_MS = 60_000;
    private static final long LISTED_MS = 1_700_006_400_000L;
    private static final long NOW_MS = LISTED_MS + 30 * 24 * 60 * MINUTE_MS;
    private static final String SYMBOL = "BTCUSDT";

    private final SyntheticCandleMarket market = new SyntheticCandleMarket(11, LISTED_MS, () -> NOW_MS);

    @Test
    void shouldJournalEveryCandleOnceThroughPaginationRateLimitsAndRetries(@TempDir final Path dir) throws Exception
    {
        final long fromMs = LISTED_MS - 500 * MINUTE_MS;
        final long toMs = LISTED_MS + 11_500 * MINUTE_MS;
        final RestSimulatorContext serverContext = new RestSimulatorContext()
            .route(BinanceKlinesRoute.PATH, new BinanceKlinesRoute(market, Set.of(SYMBOL)))
            .faults(new RestFaults().rateLimitEvery(6, 1).serverErrorEvery(4, 500).slowEvery(9, 2_000))
            .weightBudget(12, 1_000);
        try (RestSimulator server = RestSimulator.launch(serverContext);
            Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final long start = System.nanoTime();
            final BackfillResult result = new BackfillLoader(context(server, journal, fromMs, toMs)
                .limiter(new RequestWeightLimiter(12, 1_500, TimeUnit.MILLISECONDS))
                .requestTimeoutMs(700)).run();
            final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            final List<SyntheticCandle> expected =
                market.select(SYMBOL, CandleInterval.M1, fromMs, toMs - 1, Integer.MAX_VALUE, true);
            assertEquals(11_500, expected.size(), "none before the listing");
            assertJournalHoldsExactly(journal, expected, result.instrumentId());
            assertEquals(12, result.pages(), "1,000 minutes per page");
            assertEquals(11_500, result.candles());
            assertTrue(result.completed());
            assertEquals(toMs, result.nextFromMs());
            assertTrue(server.counters().rateLimited() >= 2 && server.counters().serverErrors() >= 3,
                "faults injected: " + server.counters().rateLimited() + " 429s, " +
                server.counters().serverErrors() + " 5xx");
            assertTrue(server.counters().slowed() >= 1);
            assertEquals(0, server.counters().overBudget(), "the loader kept within the venue's weight budget");
            assertEquals(server.counters().requests(), result.requests());
            assertEquals(result.requests() - result.pages(), result.retries(), "each failure retried once more");
            // 2 weight per request, 12 per 1.5 s (the server allows 12 per 1 s; the margin absorbs connection set-up
            // delays): at least (requests * 2 - 12) / 12 windows of pacing.
            final long minimumMs = (result.requests() * 2 - 12) / 12 * 1_500;
            assertTrue(elapsedMs >= minimumMs, "paced by weight: " + elapsedMs + " ms < " + minimumMs + " ms");
            System.out.printf("backfill: %d candles, %d pages, %d requests (%d x 429, %d x 5xx, %d slow), %d ms%n",
                result.candles(), result.pages(), result.requests(), server.counters().rateLimited(),
                server.counters().serverErrors(), server.counters().slowed(), elapsedMs);
        }
    }

    @Test
    void shouldResumeAfterInterruptionsWithoutGapsOrDuplicates(@TempDir final Path dir) throws Exception
    {
        final long fromMs = LISTED_MS;
        final long toMs = LISTED_MS + 9_000 * MINUTE_MS;
        final List<SyntheticCandle> expected =
            market.select(SYMBOL, CandleInterval.M1, fromMs, toMs - 1, Integer.MAX_VALUE, true);
        final BinanceKlinesRoute klines = new BinanceKlinesRoute(market, Set.of(SYMBOL));
        final List<QueryStringDecoder> seen = new ArrayList<>();

        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            // Run 1: the venue goes down for good after 3 pages.
            final AtomicInteger calls = new AtomicInteger();
            try (RestSimulator failing = RestSimulator.launch(new RestSimulatorContext().route(BinanceKlinesRoute.PATH,
                recording(seen, query -> calls.incrementAndGet() <= 3 ? klines.handle(query) :
                    SimulatedReply.json(503, "{}")))))
            {
                assertThrows(RestException.class,
                    () -> new BackfillLoader(context(failing, journal, fromMs, toMs).maxAttempts(2)).run());
            }
            assertEquals(3_000, journaledCandles(journal).size(), "three whole pages made it");

            // Run 2: stopped (as by SIGTERM) while its second page is being served.
            final AtomicReference<BackfillLoader> running = new AtomicReference<>();
            final AtomicInteger calls2 = new AtomicInteger();
            final BackfillResult stopped;
            try (RestSimulator server = RestSimulator.launch(new RestSimulatorContext().route(BinanceKlinesRoute.PATH,
                recording(seen, query ->
                {
                    if (calls2.incrementAndGet() == 2)
                    {
                        running.get().stop();
                    }
                    return klines.handle(query);
                }))))
            {
                running.set(new BackfillLoader(context(server, journal, fromMs, toMs)));
                stopped = running.get().run();
            }
            assertFalse(stopped.completed());
            assertEquals(LISTED_MS + 3_000 * MINUTE_MS, stopped.resumedFromMs(), "resumed after the last REST candle");
            assertEquals(startTime(seen.get(seen.size() - 2)), stopped.resumedFromMs(), "first request of run 2");
            assertEquals(2_000, stopped.candles());
            assertEquals(5_000, journaledCandles(journal).size());

            // Run 3: to the end; run 4: nothing left to do.
            try (RestSimulator server = RestSimulator.launch(new RestSimulatorContext().route(BinanceKlinesRoute.PATH,
                recording(seen, klines))))
            {
                final BackfillResult finished = new BackfillLoader(context(server, journal, fromMs, toMs)).run();
                assertEquals(LISTED_MS + 5_000 * MINUTE_MS, finished.resumedFromMs());
                assertEquals(4_000, finished.candles());
                assertTrue(finished.completed());

                final BackfillResult nothing = new BackfillLoader(context(server, journal, fromMs, toMs)).run();
                assertEquals(0, nothing.candles());
                assertEquals(0, nothing.requests(), "a finished range asks the venue nothing");
                assertEquals(finished.instrumentId(), nothing.instrumentId());
                assertJournalHoldsExactly(journal, expected, finished.instrumentId());
            }
        }
    }

    private BackfillContext context(
        final RestSimulator server, final Journal journal, final long fromMs, final long toMs)
    {
        return new BackfillContext()
            .venue(Venue.BINANCE)
            .symbol("BTC-USDT")
            .interval(CandleInterval.M1)
            .fromMs(fromMs)
            .toMs(toMs)
            .baseUri(server.baseUri())
            .journal(journal)
            .retryInitialDelayMs(10)
            .retryMaxDelayMs(50)
            .clock(() -> TimeUnit.MILLISECONDS.toNanos(NOW_MS));
    }

    private static RestRoute recording(final List<QueryStringDecoder> seen, final RestRoute route)
    {
        return new RestRoute()
        {
            public SimulatedReply handle(final QueryStringDecoder query)
            {
                synchronized (seen)
                {
                    seen.add(query);
                }
                return route.handle(query);
            }

            public int weight(final QueryStringDecoder query)
            {
                return 2;
            }
        };
    }

    private static long startTime(final QueryStringDecoder query)
    {
        return Long.parseLong(query.parameters().get("startTime").get(0));
    }

    private static void assertJournalHoldsExactly(
        final Journal journal, final List<SyntheticCandle> expected, final int instrumentId)
    {
        final List<CandleBar> journaled = journaledCandles(journal);
        assertEquals(expected.size(), journaled.size(), "each candle exactly once");
        for (int i = 0; i < expected.size(); i++)
        {
            final SyntheticCandle want = expected.get(i);
            final CandleBar got = journaled.get(i);
            final String what = "candle " + i;
            assertEquals(TimeUnit.MILLISECONDS.toNanos(want.openTimeMs()), got.openTimeNanos(), what);
            assertEquals(CandleSource.REST, got.source(), what);
            assertEquals(Venue.BINANCE, got.venue(), what);
            assertEquals(instrumentId, got.instrumentId(), what);
            assertEquals(CandleInterval.M1, got.interval(), what);
            assertTrue(got.isClosed(), what);
            assertEquals(0, want.open().compareTo(dec(got.openMantissa(), got.openExponent())), what);
            assertEquals(0, want.high().compareTo(dec(got.highMantissa(), got.highExponent())), what);
            assertEquals(0, want.low().compareTo(dec(got.lowMantissa(), got.lowExponent())), what);
            assertEquals(0, want.close().compareTo(dec(got.closeMantissa(), got.closeExponent())), what);
            assertEquals(0, want.volume().compareTo(got.volume().toBigDecimal()), what);
            assertEquals(0, want.quoteVolume().compareTo(got.quoteVolume().toBigDecimal()), what);
            assertEquals(want.tradeCount(), got.tradeCount(), what);
        }
    }

    private static List<CandleBar> journaledCandles(final Journal journal)
    {
        final List<CandleBar> candles = new ArrayList<>();
        final int[] definitions = {0};
        try (JournalReader reader = journal.newReader())
        {
            reader.toStart();
            while (reader.readNext((final DirectBuffer buffer, final int offset, final int length, final long index) ->
            {
                final EventType type = EventType.ofTemplateId(EventView.templateId(buffer, offset));
                if (type == EventType.CANDLE)
                {
                    candles.add(new CandleBar().readFrom(buffer, offset));
                }
                else if (type == EventType.INSTRUMENT)
                {
                    definitions[0]++;
                }
            }))
            {
                // collecting
            }
        }
        assertTrue(candles.isEmpty() || definitions[0] >= 1, "the instrument is defined in the journal");
        return candles;
    }

    private static BigDecimal dec(final long mantissa, final int exponent)
    {
        return BigDecimal.valueOf(mantissa, -exponent);
    }

}
