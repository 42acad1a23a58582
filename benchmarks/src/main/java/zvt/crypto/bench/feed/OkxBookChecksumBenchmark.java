package zvt.crypto.bench.feed;

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
import zvt.crypto.bench.BenchmarkJvm;
import zvt.crypto.core.codec.Side;
import zvt.crypto.feed.book.BookFields;
import zvt.crypto.feed.okx.OkxBookChecksum;

import java.util.concurrent.TimeUnit;

/**
 * OKX's book checksum kept on a 400-level book (200 a side, OKX's {@code books} depth): each operation applies an
 * update of four levels (two in the top 25, two deeper; one of them removed and put back on alternate operations)
 * and, with {@code checksum=verified}, checks the book's CRC32 over the top 25 levels a side, as on every message
 * that carries one; {@code absent} only keeps the book, as for messages with checksum 0.
 * <p>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar OkxBookChecksumBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", BenchmarkJvm.MISC})
public class OkxBookChecksumBenchmark
{
    private static final int LEVELS_A_SIDE = 200;
    /** Mid price, in tenths: 30,240.0. */
    private static final long MID = 302_400;

    @Param({"verified", "absent"})
    public String checksum;

    private final OkxBookChecksum book = new OkxBookChecksum();
    private final BookFields[] updates = {new BookFields(), new BookFields()};
    private int next;

    @Setup
    public void setUp()
    {
        final BookFields snapshot = new BookFields().reset(1, true);
        for (int i = 1; i <= LEVELS_A_SIDE; i++)
        {
            snapshot.levels().add(Side.BUY, MID - i, -1, 100_000 + i, -8);
            snapshot.levels().add(Side.SELL, MID + i, -1, 200_000 + i, -8);
        }
        book.apply(snapshot);
        for (int u = 0; u < updates.length; u++)
        {
            final BookFields update = updates[u].reset(1, false);
            update.levels().add(Side.BUY, MID - 3, -1, 5_123_456 + u, -8);
            update.levels().add(Side.SELL, MID + 10, -1, u == 0 ? 0 : 7_654_321, -8);
            update.levels().add(Side.BUY, MID - 150, -1, 9_000 + u, -8);
            update.levels().add(Side.SELL, MID + 180, -1, 8_000 + u, -8);
        }
    }

    @Benchmark
    public boolean update()
    {
        book.apply(updates[next]);
        next ^= 1;
        return "verified".equals(checksum) && book.matches(0);
    }
}
