package zvt.crypto.core.candle;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.Venue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zvt.crypto.core.candle.TradeCandleAggregatorTest.Trade;
import static zvt.crypto.core.candle.TradeCandleAggregatorTest.aggregate;
import static zvt.crypto.core.candle.TradeCandleAggregatorTest.encodeAll;
import static zvt.crypto.core.candle.TradeCandleAggregatorTest.randomTrades;
import static zvt.crypto.core.candle.TradeCandleAggregatorTest.venueOf;

class TradeCandlesTest
{
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final long DAY_START = TimeUnit.DAYS.toNanos(19_700);
    private static final long CLOSE_DELAY = TradeCandles.CLOSE_DELAY_NANOS;

    @Test
    void shouldContinueFromASavedStateExactlyAsIfNeverStopped()
    {
        final List<Trade> trades = withLateTrades(randomTrades(new SplittableRandom(11), 40_000, 4, 2 * 24 * 60 *
            MINUTE), new SplittableRandom(12));
        final List<CandleBar> uninterrupted = new ArrayList<>();
        final TradeCandles reference = new TradeCandles(bar -> uninterrupted.add(new CandleBar().copyFrom(bar)));
        trades.forEach(trade -> feed(reference, trade));

        final List<CandleBar> resumed = new ArrayList<>();
        final SplittableRandom stops = new SplittableRandom(13);
        TradeCandles candles = new TradeCandles(bar -> resumed.add(new CandleBar().copyFrom(bar)));
        final ExpandableArrayBuffer state = new ExpandableArrayBuffer(256);
        for (int i = 0; i < trades.size(); i++)
        {
            feed(candles, trades.get(i));
            if (stops.nextInt(2_000) == 0)
            {
                // Save every instrument, then continue in a fresh instance, as a restarted writer does.
                int length = 0;
                for (int instrument = 1; instrument <= 4; instrument++)
                {
                    length += candles.writeState(instrument, state, length);
                }
                candles = new TradeCandles(bar -> resumed.add(new CandleBar().copyFrom(bar)));
                for (int offset = 0; offset < length; )
                {
                    offset += candles.readState(state, offset);
                }
            }
        }

        assertTrue(uninterrupted.size() > 1_000, "bars: " + uninterrupted.size());
        assertArrayEquals(encodeAll(uninterrupted), encodeAll(resumed));
        assertTrue(reference.lateTrades() > 0, "late trades exercised");
    }

    @Test
    void shouldCloseEveryIntervalLikeAggregatingTradesDirectly()
    {
        final List<Trade> trades = randomTrades(new SplittableRandom(21), 30_000, 3, 3 * 24 * 60 * MINUTE);
        final List<CandleBar> closed = new ArrayList<>();
        final TradeCandles candles = new TradeCandles(bar -> closed.add(new CandleBar().copyFrom(bar)));
        trades.forEach(trade -> feed(candles, trade));

        for (final CandleInterval interval : TradeCandles.INTERVALS)
        {
            final List<CandleBar> direct = aggregate(trades, interval);
            final List<CandleBar> fromCandles = TradeCandleAggregatorTest.sorted(
                closed.stream().filter(bar -> bar.interval() == interval).toList());
            // Closed bars, then the ones still forming (aggregate() closed them at the end), match bar for bar.
            final List<CandleBar> stillForming = new ArrayList<>();
            for (int instrument = 1; instrument <= 3; instrument++)
            {
                final CandleBar live = candles.live(instrument, interval, new CandleBar());
                if (live != null)
                {
                    stillForming.add(live.closed(true));
                }
            }
            final List<CandleBar> fromCandlesAll = new ArrayList<>(fromCandles);
            fromCandlesAll.addAll(stillForming);
            assertArrayEquals(encodeAll(direct), encodeAll(TradeCandleAggregatorTest.sorted(fromCandlesAll)),
                interval.toString());
        }
    }

    @Test
    void shouldShowTheFormingBarOfEveryIntervalAsItStands()
    {
        final List<Trade> trades = randomTrades(new SplittableRandom(31), 5_000, 2, 26 * 60 * MINUTE);
        final TradeCandles candles = new TradeCandles(bar -> { });
        final CandleBar live = new CandleBar();
        final SplittableRandom checks = new SplittableRandom(32);
        for (int i = 0; i < trades.size(); i++)
        {
            feed(candles, trades.get(i));
            if (checks.nextInt(50) == 0)
            {
                final Trade last = trades.get(i);
                for (final CandleInterval interval : TradeCandles.INTERVALS)
                {
                    final List<CandleBar> direct = aggregate(trades.subList(0, i + 1), interval);
                    final CandleBar expected = lastOf(direct, last.instrumentId());
                    expected.closed(false);
                    assertNotNull(candles.live(last.instrumentId(), interval, live), interval + " after trade " + i);
                    assertArrayEquals(encodeAll(List.of(expected)), encodeAll(List.of(live)),
                        interval + " after trade " + i + ": " + expected + " vs " + live);
                }
            }
        }
        assertNull(candles.live(99, CandleInterval.H1, live), "nothing forming for an instrument without trades");
    }

    @Test
    void shouldCloseARolledBarWhenTheMinutesMovePastItsEnd()
    {
        final List<CandleBar> closed = new ArrayList<>();
        final TradeCandles candles = new TradeCandles(bar -> closed.add(new CandleBar().copyFrom(bar)));
        trade(candles, 1, Venue.BINANCE, DAY_START + MINUTE + 5, 100, 1);   // 00:01
        trade(candles, 1, Venue.BINANCE, DAY_START + 7 * MINUTE, 101, 2);   // 00:07

        final TreeSet<String> names = new TreeSet<>();
        closed.forEach(bar -> names.add(CandleIntervals.shortName(bar.interval()) + "@" +
            (bar.openTimeNanos() - DAY_START) / MINUTE));
        assertEquals(new TreeSet<>(List.of("1m@1", "5m@0")), names,
            "the 00:00 5m bar is complete once the 00:07 minute has begun");
    }

    @Test
    void shouldCloseAQuietInstrumentsBarsOnceItsVenueClockIsPastThem()
    {
        final List<CandleBar> closed = new ArrayList<>();
        final TradeCandles candles = new TradeCandles(bar -> closed.add(new CandleBar().copyFrom(bar)));
        final long second = TimeUnit.SECONDS.toNanos(1);
        trade(candles, 1, Venue.BINANCE, DAY_START + 10 * second, 100, 1);   // quiet after this
        trade(candles, 3, Venue.OKX, DAY_START + 20 * second, 300, 1);       // another venue
        trade(candles, 2, Venue.BINANCE, DAY_START + 30 * second, 200, 1);
        trade(candles, 2, Venue.BINANCE, DAY_START + MINUTE + CLOSE_DELAY - 1, 201, 1);
        assertEquals(List.of("2:1m@0"), names(closed), "instrument 2's own trade closed its minute; 1 is in grace");

        trade(candles, 2, Venue.BINANCE, DAY_START + MINUTE + CLOSE_DELAY, 202, 1);
        assertEquals(List.of("1:1m@0", "2:1m@0"), names(closed), "Binance's clock closed instrument 1's minute");
        assertNull(candles.live(1, CandleInterval.M1, new CandleBar()));
        assertNotNull(candles.live(3, CandleInterval.M1, new CandleBar()), "OKX's clock has not moved");

        trade(candles, 1, Venue.BINANCE, DAY_START + 50 * second, 999, 5);
        assertEquals(1, candles.lateTrades(), "a trade for a closed minute is late");

        closed.clear();
        trade(candles, 2, Venue.BINANCE, DAY_START + 5 * MINUTE + CLOSE_DELAY, 203, 1);
        assertEquals(List.of("1:5m@0", "2:1m@1", "2:5m@0"), names(closed),
            "the quiet instrument's 5m bar closed with the venue's clock too");
        assertEquals(100, closed.stream().filter(bar -> bar.instrumentId() == 1).findFirst().orElseThrow()
            .closeMantissa(), "the late trade stayed out");
    }

    @Test
    void shouldNotLetAWildTimestampCloseItsVenuesBars()
    {
        final List<CandleBar> closed = new ArrayList<>();
        final TradeCandles candles = new TradeCandles(bar -> closed.add(new CandleBar().copyFrom(bar)));
        trade(candles, 1, Venue.BINANCE, DAY_START + 10_000_000_000L, 100, 1);
        // Stamped a day ahead of when it arrived: a venue glitch, not the venue's time.
        candles.onTrade(2, Venue.BINANCE, DAY_START + TimeUnit.DAYS.toNanos(1), DAY_START + 20_000_000_000L, 200, 0,
            1, 0);
        assertEquals(List.of(), names(closed), "the clock moved at most a second past the receive time: 00:21");
        assertNotNull(candles.live(1, CandleInterval.M1, new CandleBar()));

        trade(candles, 1, Venue.BINANCE, DAY_START + 30_000_000_000L, 101, 1);
        assertEquals(0, candles.lateTrades(), "instrument 1 goes on in its minute");
    }

    @Test
    void shouldSaveSumsThatOutgrew128BitsExactly()
    {
        final DecimalSum sum = new DecimalSum().add(Long.MAX_VALUE, 0);
        for (int i = 0; i < 40; i++)
        {
            sum.addProduct(Long.MAX_VALUE, 0, Long.MAX_VALUE, 0);
        }
        sum.add(1, -30);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final int length = sum.writeState(buffer, 3);

        final DecimalSum restored = new DecimalSum();
        assertEquals(length, restored.readState(buffer, 3));
        assertEquals(sum.toBigDecimal(), restored.toBigDecimal());
        assertEquals(0, restored.add(5, -1).toBigDecimal().compareTo(sum.toBigDecimal().add(new BigDecimal("0.5"))));
    }

    private static void feed(final TradeCandles candles, final Trade trade)
    {
        candles.onTrade(trade.instrumentId(), venueOf(trade.instrumentId()), trade.timeNanos(),
            trade.timeNanos() + 1_000, trade.priceMantissa(), trade.priceExponent(), trade.sizeMantissa(),
            trade.sizeExponent());
    }

    /** Every 97th trade comes again two minutes late, as after a reconnect. */
    private static List<Trade> withLateTrades(final List<Trade> trades, final SplittableRandom random)
    {
        final List<Trade> result = new ArrayList<>(trades.size() + trades.size() / 97);
        for (int i = 0; i < trades.size(); i++)
        {
            final Trade trade = trades.get(i);
            result.add(trade);
            if (i % 97 == 0)
            {
                result.add(new Trade(trade.instrumentId(), trade.timeNanos() - 2 * MINUTE - random.nextLong(MINUTE),
                    trade.priceMantissa(), trade.priceExponent(), trade.sizeMantissa(), trade.sizeExponent()));
            }
        }
        return result;
    }

    /** A trade of a whole price and size, received 1 ms after it happened. */
    private static void trade(
        final TradeCandles candles, final int instrumentId, final Venue venue, final long time, final long price,
        final long size)
    {
        candles.onTrade(instrumentId, venue, time, time + 1_000_000, price, 0, size, 0);
    }

    private static List<String> names(final List<CandleBar> bars)
    {
        return bars.stream().map(bar -> bar.instrumentId() + ":" + CandleIntervals.shortName(bar.interval()) + "@" +
            (bar.openTimeNanos() - DAY_START) / MINUTE).sorted().toList();
    }

    private static CandleBar lastOf(final List<CandleBar> bars, final int instrumentId)
    {
        CandleBar last = null;
        for (final CandleBar bar : bars)
        {
            if (bar.instrumentId() == instrumentId && (last == null || bar.openTimeNanos() > last.openTimeNanos()))
            {
                last = bar;
            }
        }
        return last;
    }
}
