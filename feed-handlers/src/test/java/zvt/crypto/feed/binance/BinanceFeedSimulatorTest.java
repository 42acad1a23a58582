package zvt.crypto.feed.binance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.book.OrderBook;
import zvt.crypto.core.book.OrderBookEventHandler;
import zvt.crypto.core.book.ReferenceBook;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.core.ring.MarketEventRing;
import zvt.crypto.core.ring.RingContext;
import zvt.crypto.core.test.Tests;
import zvt.crypto.feed.connection.FeedContext;
import zvt.crypto.feed.runner.VenueFeed;
import zvt.crypto.feed.venue.VenueSettings;
import zvt.crypto.feed.connection.FeedCounters;
import zvt.crypto.feed.simulator.BinanceSimulator;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.simulator.FaultKind;
import zvt.crypto.feed.simulator.GroundTruthBook;
import zvt.crypto.feed.simulator.SimulatorFaults;
import zvt.crypto.feed.simulator.StreamKind;
import zvt.crypto.feed.book.SyncCounters;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Binance feed end to end against the venue simulator, over real sockets and the real REST client: every channel,
 * depth synchronized from REST snapshots (some answered 5xx first), diffs dropped on the way. Whenever a maintained
 * book is servable it equals the simulator's ground truth as of the book's update id, and the drops are reported.
 */
class BinanceFeedSimulatorTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final InstrumentRegistry registry = new InstrumentRegistry();
    private BinanceSimulator simulator;
    private MarketEventRing ring;
    private VenueFeed feed;
    private long changes;

    /** A servable book as the feed's consumer saw it. */
    private record Sample(int instrumentId, long lastUpdateId, List<String> bids, List<String> asks)
    {
    }

    @AfterEach
    void close()
    {
        if (feed != null)
        {
            feed.close();
        }
        if (ring != null)
        {
            ring.close();
        }
        if (simulator != null)
        {
            simulator.close();
        }
    }

    @Test
    void shouldKeepEveryServableBookEqualToTheGroundTruthThroughDropsAndSnapshotErrors()
    {
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext()
            .seed(11)
            .messagesPerSecond(4_000)
            .bookLevels(20)
            .faults(new SimulatorFaults().drop(StreamKind.DEPTH, 0.005).rest5xxProbability(0.3)));
        ring = new MarketEventRing(new RingContext().ringSize(1 << 14),
            new OrderBookEventHandler(this::sample), List.of()).start();
        feed = VenueFeed.launch(new VenueSettings(new BinanceAdapter(), Map.of(
            "ws.url", simulator.webSocketUri(),
            "rest.url", simulator.restUri(),
            "symbols", "BTC-USDT,ETH-USDT",
            "channels", "aggTrade,bookTicker,depth@100ms,kline_1m",
            "depth.snapshot.limit", "100")), new FeedContext()
            .ringBuffer(ring.ringBuffer())
            .instrumentRegistry(registry)
            .controlEventPublisher(new ControlEventPublisher(ring.ringBuffer(), () -> 0L)));

        final SyncCounters sync = feed.syncCounters();
        final FeedCounters counters = feed.counters();
        Tests.await(() -> sync.gaps() >= 2 && sync.resyncs() >= 4 && samples.size() > 200,
            TIMEOUT, () -> sync + " samples=" + samples.size());
        // Read before closing: closing loses the depth streams, which marks both books stale (two more gaps).
        final long gaps = sync.gaps();
        final long resyncs = sync.resyncs();
        feed.close();
        feed = null;
        ring.close();

        final Map<Integer, String> symbols = Map.of(
            registry.bySymbol(Venue.BINANCE, MarketType.SPOT, "BTC-USDT").id(), "BTCUSDT",
            registry.bySymbol(Venue.BINANCE, MarketType.SPOT, "ETH-USDT").id(), "ETHUSDT");
        int compared = 0;
        for (final Sample sample : samples)
        {
            final GroundTruthBook truth = simulator.groundTruthAt(symbols.get(sample.instrumentId()),
                sample.lastUpdateId());
            if (truth == null)
            {
                continue;
            }
            assertEquals(levels(truth.bidPrices(), truth.bidSizes()), sample.bids(), () -> "bids at " + sample);
            assertEquals(levels(truth.askPrices(), truth.askSizes()), sample.asks(), () -> "asks at " + sample);
            compared++;
        }
        assertTrue(compared > 200, "compared " + compared);
        // Each book's first sync and each gap resync; at most one resync per book may still be in flight.
        assertTrue(resyncs >= gaps, "gaps=" + gaps + " resyncs=" + resyncs);
        // Every gap comes from a dropped diff, except one per live book when closing loses its stream. (Diffs keep
        // flowing until the close, so gaps may have grown since they were read.)
        final long drops = simulator.faults().count(FaultKind.DROP, StreamKind.DEPTH);
        assertTrue(sync.gaps() >= gaps && sync.gaps() <= drops + 2, "drops=" + drops + " " + sync);
        System.out.println("BinanceFeedSimulatorTest: compared " + compared + " servable books with the ground truth; " +
            drops + " depth diffs dropped; before close " +
            gaps + " gaps, " + resyncs + " resyncs; " + counters + "; " + sync);
        assertEquals(0, counters.decodeErrors());
        final Instrument btc = registry.bySymbol(Venue.BINANCE, MarketType.SPOT, "BTC-USDT");
        assertNotEquals(0, btc.tickSize(), "exchangeInfo refines the instrument: " + btc);
    }

    /** Called on the ring's consumer thread whenever a book changed. */
    private void sample(final OrderBook book)
    {
        if (book.isServable() && (changes++ % 10) == 0)
        {
            samples.add(new Sample(book.instrumentId(), book.lastSequence(),
                ReferenceBook.levels(book, true), ReferenceBook.levels(book, false)));
        }
    }

    private static List<String> levels(final long[] prices, final long[] sizes)
    {
        final List<String> levels = new ArrayList<>();
        for (int i = 0; i < prices.length; i++)
        {
            levels.add(plain(prices[i]) + "=" + plain(sizes[i]));
        }
        return levels;
    }

    private static String plain(final long mantissa)
    {
        final BigDecimal value = BigDecimal.valueOf(mantissa, -GroundTruthBook.EXPONENT);
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
