package zvt.crypto.core.candle;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.CandleSource;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.decimal.MutableDecimal;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TradeCandleAggregatorTest
{
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final long START = TimeUnit.MILLISECONDS.toNanos(1_699_920_000_000L);

    record Trade(int instrumentId, long timeNanos, long priceMantissa, int priceExponent, long sizeMantissa,
        int sizeExponent)
    {
        BigDecimal price()
        {
            return BigDecimal.valueOf(priceMantissa, -priceExponent);
        }

        BigDecimal size()
        {
            return BigDecimal.valueOf(sizeMantissa, -sizeExponent);
        }
    }

    /** The naive reference: BigDecimal arithmetic over the trades of one bucket. */
    record Expected(int instrumentId, long openTime, BigDecimal open, BigDecimal high, BigDecimal low,
        BigDecimal close, BigDecimal volume, BigDecimal quoteVolume, long count)
    {
        Expected add(final Trade trade)
        {
            return new Expected(instrumentId, openTime, open, high.max(trade.price()), low.min(trade.price()),
                trade.price(), volume.add(trade.size()), quoteVolume.add(trade.price().multiply(trade.size())),
                count + 1);
        }

        static Expected first(final Trade trade, final long openTime)
        {
            return new Expected(trade.instrumentId(), openTime, trade.price(), trade.price(), trade.price(),
                trade.price(), trade.size(), trade.price().multiply(trade.size()), 1);
        }
    }

    @Test
    void shouldMatchANaiveBigDecimalAggregationOverRandomTrades()
    {
        for (long seed = 1; seed <= 20; seed++)
        {
            final List<Trade> trades = randomTrades(new SplittableRandom(seed), 5_000, 4, 90 * MINUTE);
            final List<CandleBar> bars = aggregate(trades, CandleInterval.M1);
            final List<Expected> expected = naive(trades, MINUTE);

            assertEquals(expected.size(), bars.size(), "one bar per non-empty bucket, seed " + seed);
            for (int i = 0; i < expected.size(); i++)
            {
                assertBar(expected.get(i), bars.get(i), "seed " + seed + " bar " + i);
            }
        }
    }

    @Test
    void shouldProduceTheSameBytesEveryRun()
    {
        final List<Trade> trades = randomTrades(new SplittableRandom(42), 20_000, 3, 6 * 60 * MINUTE);

        final byte[] first = encodeAll(aggregate(trades, CandleInterval.M1));
        final byte[] second = encodeAll(aggregate(trades, CandleInterval.M1));

        assertTrue(first.length > 0);
        assertArrayEquals(first, second);
    }

    @Test
    void shouldRollUpToTheSameBarsAsAggregatingTradesDirectly()
    {
        final List<Trade> trades = randomTrades(new SplittableRandom(7), 30_000, 3, 3 * 24 * 60 * MINUTE);
        final CandleInterval[] targets = {CandleInterval.M5, CandleInterval.M15, CandleInterval.H1, CandleInterval.D1};
        final List<CandleBar> minuteBars = new ArrayList<>();
        final List<CandleBar> rolled = new ArrayList<>();
        final CandleRollup rollup = new CandleRollup(bar -> rolled.add(new CandleBar().copyFrom(bar)), targets);
        final TradeCandleAggregator aggregator = new TradeCandleAggregator(bar ->
        {
            minuteBars.add(new CandleBar().copyFrom(bar));
            rollup.onCandle(bar);
        });
        feed(aggregator, trades);
        aggregator.closeAll();
        rollup.closeAll();

        for (final CandleInterval target : targets)
        {
            final List<CandleBar> fromRollup = sorted(rolled.stream().filter(bar -> bar.interval() == target).toList());
            final List<CandleBar> direct = sorted(aggregate(trades, target));
            final List<Expected> fromMinuteBars = naiveFromBars(minuteBars, CandleIntervals.nanos(target));
            assertEquals(direct.size(), fromRollup.size(), target + " bar count");
            assertEquals(fromMinuteBars.size(), fromRollup.size(), target + " bar count from 1m bars");
            for (int i = 0; i < direct.size(); i++)
            {
                assertArrayEquals(encodeAll(List.of(direct.get(i))), encodeAll(List.of(fromRollup.get(i))),
                    target + " bar " + i + ": " + direct.get(i) + " vs " + fromRollup.get(i));
                assertBar(fromMinuteBars.get(i), fromRollup.get(i), target + " bar " + i);
            }
        }
    }

    @Test
    void shouldCloseABarOnlyWhenALaterBucketStartsOrTimePassesItsEnd()
    {
        final List<CandleBar> closed = new ArrayList<>();
        final TradeCandleAggregator aggregator =
            new TradeCandleAggregator(bar -> closed.add(new CandleBar().copyFrom(bar)));

        aggregator.onTrade(1, Venue.BINANCE, START + 1_000, START + 2_000, 100, 0, 1, 0);
        aggregator.onTrade(1, Venue.BINANCE, START + MINUTE - 1, START + MINUTE, 101, 0, 1, 0);
        aggregator.closeUpTo(START + MINUTE - 1);
        assertEquals(0, closed.size(), "bucket not over yet");
        assertEquals(2, aggregator.forming(1).tradeCount());

        aggregator.closeUpTo(START + MINUTE);
        assertEquals(1, closed.size());
        assertNull(aggregator.forming(1));

        aggregator.onTrade(1, Venue.BINANCE, START + 5, START + MINUTE + 10, 99, 0, 1, 0);
        assertEquals(1, aggregator.lateTrades(), "a trade for a handed-out bucket is late");
        aggregator.onTrade(1, Venue.BINANCE, START + 3 * MINUTE, START + 3 * MINUTE, 102, 0, 1, 0);
        aggregator.onTrade(2, Venue.OKX, START + 3 * MINUTE, START + 3 * MINUTE, 7, 0, 1, 0);
        aggregator.onTrade(1, Venue.BINANCE, START + 2 * MINUTE, START + 3 * MINUTE, 102, 0, 1, 0);
        assertEquals(2, aggregator.lateTrades());
        aggregator.onTrade(1, Venue.BINANCE, START, START, -1, 0, 1, 0);
        assertEquals(1, aggregator.rejectedTrades());

        aggregator.closeAll();
        assertEquals(3, closed.size());
        final CandleBar first = closed.get(0);
        assertEquals(START, first.openTimeNanos());
        assertEquals(START + MINUTE, first.closeTimeNanos());
        assertEquals(START + MINUTE - 1, first.exchangeTimeNanos(), "exchange time of the last trade");
        assertEquals(CandleSource.TRADES, first.source());
        assertTrue(first.isClosed());
    }

    @Test
    void shouldEncodeAndReadBackACandleEvent()
    {
        final CandleBar bar = new CandleBar().start(9, Venue.COINBASE, CandleInterval.M1, CandleSource.REST, START)
            .prices(10, 0, 12, 0, 9, 0, 11, 0).volume(12345, -3).quoteVolumeUnknown()
            .tradeCount(CandleBar.UNKNOWN_TRADE_COUNT).closed(true);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

        final int length = bar.encode(buffer, 16);
        final CandleBar read = new CandleBar().readFrom(buffer, 16);

        assertTrue(length > 0);
        assertEquals(bar.toString(), read.toString());
        assertTrue(!read.isQuoteVolumeKnown());
        assertEquals(CandleBar.UNKNOWN_TRADE_COUNT, read.tradeCount());
        final UnsafeBuffer again = new UnsafeBuffer(new byte[256]);
        assertEquals(length, read.encode(again, 16));
        assertArrayEquals(Arrays.copyOfRange(buffer.byteArray(), 16, 16 + length),
            Arrays.copyOfRange(again.byteArray(), 16, 16 + length));
    }

    private static void assertBar(final Expected expected, final CandleBar bar, final String what)
    {
        assertEquals(expected.instrumentId(), bar.instrumentId(), what);
        assertEquals(expected.openTime(), bar.openTimeNanos(), what);
        assertEquals(0, expected.open().compareTo(decimal(bar.openMantissa(), bar.openExponent())), what + " open");
        assertEquals(0, expected.high().compareTo(decimal(bar.highMantissa(), bar.highExponent())), what + " high");
        assertEquals(0, expected.low().compareTo(decimal(bar.lowMantissa(), bar.lowExponent())), what + " low");
        assertEquals(0, expected.close().compareTo(decimal(bar.closeMantissa(), bar.closeExponent())), what + " close");
        assertEquals(0, expected.volume().compareTo(bar.volume().toBigDecimal()), what + " volume");
        assertEquals(0, expected.quoteVolume().compareTo(bar.quoteVolume().toBigDecimal()), what + " quote volume");
        final MutableDecimal narrowed = new MutableDecimal();
        final boolean exact = bar.quoteVolume().toDecimal(narrowed);
        final BigDecimal schemaValue = decimal(narrowed.mantissa(), narrowed.exponent());
        assertEquals(exact, expected.quoteVolume().compareTo(schemaValue) == 0, what + " exact flag");
        assertEquals(0, expected.quoteVolume().round(new MathContext(18, RoundingMode.HALF_EVEN))
            .compareTo(schemaValue), what + " narrowed quote volume");
        assertEquals(expected.count(), bar.tradeCount(), what + " count");
    }

    private static BigDecimal decimal(final long mantissa, final int exponent)
    {
        return BigDecimal.valueOf(mantissa, -exponent);
    }

    /** Trades in time order per instrument with mixed exponents, as different venues and symbols write them. */
    static List<Trade> randomTrades(
        final SplittableRandom random, final int count, final int instruments, final long span)
    {
        final List<Trade> trades = new ArrayList<>(count);
        final long step = span / count;
        long time = START + random.nextLong(MINUTE);
        for (int i = 0; i < count; i++)
        {
            time += random.nextLong(2 * step + 1);
            final int priceExponent = -random.nextInt(0, 9);
            final int sizeExponent = -random.nextInt(0, 9);
            trades.add(new Trade(1 + random.nextInt(instruments), time, 1 + random.nextLong(100_000_000L),
                priceExponent, random.nextLong(1_000_000_000L), sizeExponent));
        }
        return trades;
    }

    private static void feed(final TradeCandleAggregator aggregator, final List<Trade> trades)
    {
        for (final Trade trade : trades)
        {
            aggregator.onTrade(trade.instrumentId(), venueOf(trade.instrumentId()), trade.timeNanos(),
                trade.timeNanos() + 1_000, trade.priceMantissa(), trade.priceExponent(), trade.sizeMantissa(),
                trade.sizeExponent());
        }
    }

    /** Instruments share venues (odd ones OKX, even ones Binance), so venue clocks close quiet instruments' bars. */
    static Venue venueOf(final int instrumentId)
    {
        return instrumentId % 2 == 0 ? Venue.BINANCE : Venue.OKX;
    }

    static List<CandleBar> aggregate(final List<Trade> trades, final CandleInterval interval)
    {
        final List<CandleBar> bars = new ArrayList<>();
        final TradeCandleAggregator aggregator =
            new TradeCandleAggregator(interval, bar -> bars.add(new CandleBar().copyFrom(bar)));
        feed(aggregator, trades);
        aggregator.closeAll();
        return sorted(bars);
    }

    static List<CandleBar> sorted(final List<CandleBar> bars)
    {
        final List<CandleBar> copy = new ArrayList<>(bars);
        copy.sort((a, b) -> a.openTimeNanos() != b.openTimeNanos() ?
            Long.compare(a.openTimeNanos(), b.openTimeNanos()) : Integer.compare(a.instrumentId(), b.instrumentId()));
        return copy;
    }

    private static List<Expected> naive(final List<Trade> trades, final long bucketNanos)
    {
        final Map<String, Expected> byBucket = new LinkedHashMap<>();
        for (final Trade trade : trades)
        {
            final long bucket = Math.floorDiv(trade.timeNanos(), bucketNanos) * bucketNanos;
            byBucket.merge(bucket + "/" + trade.instrumentId(), Expected.first(trade, bucket),
                (old, ignored) -> old.add(trade));
        }
        return sortExpected(byBucket);
    }

    private static List<Expected> naiveFromBars(final List<CandleBar> bars, final long bucketNanos)
    {
        final Map<String, Expected> byBucket = new LinkedHashMap<>();
        for (final CandleBar bar : bars)
        {
            final long bucket = Math.floorDiv(bar.openTimeNanos(), bucketNanos) * bucketNanos;
            final Expected own = new Expected(bar.instrumentId(), bucket, decimal(bar.openMantissa(),
                bar.openExponent()), decimal(bar.highMantissa(), bar.highExponent()),
                decimal(bar.lowMantissa(), bar.lowExponent()), decimal(bar.closeMantissa(), bar.closeExponent()),
                bar.volume().toBigDecimal(), bar.quoteVolume().toBigDecimal(), bar.tradeCount());
            byBucket.merge(bucket + "/" + bar.instrumentId(), own, (old, next) -> new Expected(old.instrumentId(),
                bucket, old.open(), old.high().max(next.high()), old.low().min(next.low()), next.close(),
                old.volume().add(next.volume()), old.quoteVolume().add(next.quoteVolume()),
                old.count() + next.count()));
        }
        return sortExpected(byBucket);
    }

    private static List<Expected> sortExpected(final Map<String, Expected> byBucket)
    {
        final List<Expected> expected = new ArrayList<>(byBucket.values());
        expected.sort((a, b) -> a.openTime() != b.openTime() ?
            Long.compare(a.openTime(), b.openTime()) : Integer.compare(a.instrumentId(), b.instrumentId()));
        return expected;
    }

    static byte[] encodeAll(final List<CandleBar> bars)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        for (final CandleBar bar : bars)
        {
            final int length = bar.encode(buffer, 0);
            out.write(buffer.byteArray(), 0, length);
        }
        return out.toByteArray();
    }
}
