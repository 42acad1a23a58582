package zvt.crypto.bench.candle;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import zvt.crypto.core.candle.TradeCandleAggregator;
import zvt.crypto.core.candle.TradeCandles;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.Venue;

/**
 * What building candles from trades costs per trade, on one core: the gateway's fan-out thread and the database
 * writer both put every journaled trade through {@link TradeCandles} (1m bars, their roll-ups to 5m/15m/1h/1d, and
 * the venue clocks that close quiet instruments' bars). The baseline in the same run, {@code minutesOnly}, is the
 * bare 1m {@link TradeCandleAggregator}.
 * <p>
 * {@code instruments} instruments spread over the four venues trade round-robin, one trade per millisecond of
 * exchange time, so every minute closes every instrument's bar of each interval that ends then (the closing work is
 * in the average). Prices and sizes are random decimals, generated up front.
 * <p>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar TradeCandlesBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class TradeCandlesBenchmark
{
    private static final int PRICES = 1 << 16;
    private static final long MILLISECOND = 1_000_000L;
    private static final Venue[] VENUES = {Venue.BINANCE, Venue.OKX, Venue.BYBIT, Venue.COINBASE};

    @Param({"1000"})
    int instruments;

    private final long[] priceMantissas = new long[PRICES];
    private final long[] sizeMantissas = new long[PRICES];
    private TradeCandles candles;
    private TradeCandleAggregator minutesOnly;
    private long timeNanos;
    private int next;

    @Setup
    public void setUp(final Blackhole blackhole)
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < PRICES; i++)
        {
            priceMantissas[i] = 60_000_00L + random.nextLong(-50_00, 50_00); // 60,000.00 ± 50
            sizeMantissas[i] = 1 + random.nextLong(10_000_000L);            // up to 0.1 at 8 decimals
        }
        candles = new TradeCandles(blackhole::consume);
        minutesOnly = new TradeCandleAggregator(CandleInterval.M1, blackhole::consume);
        timeNanos = TimeUnit.DAYS.toNanos(20_000);
    }

    @Benchmark
    public void tradeCandles()
    {
        final int instrument = nextInstrument();
        final int i = next & (PRICES - 1);
        candles.onTrade(instrument, VENUES[instrument & 3], timeNanos, timeNanos + MILLISECOND, priceMantissas[i], -2,
            sizeMantissas[i], -8);
    }

    @Benchmark
    public void minutesOnly()
    {
        final int instrument = nextInstrument();
        final int i = next & (PRICES - 1);
        minutesOnly.onTrade(instrument, VENUES[instrument & 3], timeNanos, timeNanos + MILLISECOND,
            priceMantissas[i], -2, sizeMantissas[i], -8);
    }

    private int nextInstrument()
    {
        next++;
        timeNanos += MILLISECOND;
        return 1 + next % instruments;
    }
}
