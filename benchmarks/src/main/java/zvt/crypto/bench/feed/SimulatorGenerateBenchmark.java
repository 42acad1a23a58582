package zvt.crypto.bench.feed;

import org.agrona.DirectBuffer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import zvt.crypto.bench.BenchmarkJvm;
import zvt.crypto.feed.simulator.SimulatedInstrument;
import zvt.crypto.feed.simulator.StreamKind;
import zvt.crypto.feed.simulator.SyntheticSymbol;
import zvt.crypto.feed.simulator.WireEncoder;
import zvt.crypto.feed.simulator.WireSink;
import zvt.crypto.feed.simulator.binance.BinanceProtocol;

import java.util.concurrent.TimeUnit;

/**
 * What one venue-simulator thread generates: random-walk book steps and trades for two symbols, each step encoded by
 * the Binance wire encoder to Binance's JSON (depth diff, trade, aggTrade, bookTicker as they occur) into a reused buffer, with the ground-truth
 * book and its undo log kept. {@code messages} (an auxiliary counter) is the rate of encoded venue messages; the
 * primary score is steps/s. The socket side (framing, writing) is not included.
 * <p>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar SimulatorGenerateBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", BenchmarkJvm.MISC})
public class SimulatorGenerateBenchmark
{
    /**
     * The generator, the encoders and the messages they encoded per iteration, reported by JMH as a rate beside the
     * steps. Only the public fields are counters.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Encoded
    {
        public long messages;
        public long bytes;

        private final WireSink sink = new WireSink()
        {
            public boolean wants(final StreamKind kind, final int variant)
            {
                return true;
            }

            public void emit(
                final StreamKind kind, final int variant, final DirectBuffer payload, final int length,
                final int spliceAt, final long first, final long last)
            {
                messages++;
                bytes += length;
            }
        };
        private SyntheticSymbol[] symbols;
        private WireEncoder[] encoders;
        private long steps;

        @Setup(Level.Trial)
        public void setUp()
        {
            final BinanceProtocol binance = new BinanceProtocol();
            symbols = new SyntheticSymbol[]{
                new SyntheticSymbol(SimulatedInstrument.defaultFor("BTCUSDT"), 1, 50, 1 << 16),
                new SyntheticSymbol(SimulatedInstrument.defaultFor("ETHUSDT"), 1, 50, 1 << 16)};
            encoders = new WireEncoder[]{
                binance.newEncoder(symbols[0].instrument(), sink, null),
                binance.newEncoder(symbols[1].instrument(), sink, null)};
        }

        @Setup(Level.Iteration)
        public void clear()
        {
            messages = 0;
            bytes = 0;
        }
    }

    @Benchmark
    public void step(final Encoded encoded)
    {
        final long step = encoded.steps++;
        final int symbol = (int)(step & 1);
        encoded.symbols[symbol].step(step, encoded.encoders[symbol]);
    }
}
