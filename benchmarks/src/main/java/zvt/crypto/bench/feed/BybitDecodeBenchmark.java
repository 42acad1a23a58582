package zvt.crypto.bench.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import zvt.crypto.bench.BenchmarkJvm;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.feed.bybit.BybitAdapter;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Bybit v5 frame decode on one core: frame bytes (direct memory, as Netty hands them over) → SBE event in a ring
 * slot, through the adapter's decoder and the shared publisher (envelope pass, topic route, symbol lookup, data
 * read, duplicate filter, encode; book deltas also through the live book sync), wired by {@link VenueDecodePath}. Every operation
 * carries a new id (the trade UUID's last 12 digits, or {@code u} for the book, rewritten in place) so nothing is
 * dropped as a duplicate or a gap. The ring has no consumer (slots are overwritten).
 * <p>
 * The peer in the same run, {@code jackson}: XChange has no Bybit stream module on Maven Central in the version the
 * project uses (xchange-stream-bybit 5.2.4 does not resolve), so the peer is plain Jackson tree decoding of the
 * same frame to the same fields (text frame → String, {@code readTree}, then every field the fast decoder reads:
 * times as longs, prices and sizes as {@link BigDecimal}, side and id as strings).
 * <p>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar BybitDecodeBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", BenchmarkJvm.MISC, BenchmarkJvm.REF, BenchmarkJvm.UTIL, BenchmarkJvm.NIO_CH,
    BenchmarkJvm.SUN_MISC, BenchmarkJvm.LANG, BenchmarkJvm.REFLECT, BenchmarkJvm.IO, BenchmarkJvm.UTIL_OPEN,
    BenchmarkJvm.NIO, BenchmarkJvm.NIO_CH_OPEN, BenchmarkJvm.NO_ANALYTICS})
public class BybitDecodeBenchmark
{
    /** A recorded linear {@code publicTrade} frame (bybit/publicTrade.linear.jsonl), the UUID's tail made digits. */
    static final String TRADE = "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1786310819681," +
        "\"data\":[{\"T\":1786310819680,\"s\":\"BTCUSDT\",\"S\":\"Sell\",\"v\":\"0.004\",\"p\":\"65114.20\"," +
        "\"L\":\"MinusTick\",\"i\":\"a9188a0a-82bc-50de-be60-000000000000\",\"BT\":false,\"RPI\":false," +
        "\"seq\":753843954913}]}";
    /** A recorded {@code orderbook.50} delta with 12 levels (bybit/orderbook.50.docs.jsonl), u widened. */
    static final String BOOK = "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1687940967466," +
        "\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"30247.20\",\"30.028\"],[\"30245.40\",\"0.224\"],[\"30242.10\"," +
        "\"1.593\"],[\"30240.30\",\"1.305\"],[\"30240.00\",\"0\"]],\"a\":[[\"30248.70\",\"0\"],[\"30249.30\"," +
        "\"0.892\"],[\"30249.50\",\"1.778\"],[\"30249.60\",\"0\"],[\"30251.90\",\"2.947\"],[\"30252.20\"," +
        "\"0.659\"],[\"30252.50\",\"4.591\"]],\"u\":1000000000000,\"seq\":66544703342},\"cts\":1687940967464}";
    private static final int TRADE_ID_DIGITS = 12;
    private static final int UPDATE_ID_DIGITS = 13;

    @Param({"trade", "book"})
    String message;

    @Param({"zvt", "jackson"})
    String decoder;

    private VenueDecodePath path;
    private UnsafeBuffer frame;
    private int idOffset;
    private int idDigits;
    private final ObjectMapper mapper = new ObjectMapper();
    private byte[] bytes;

    @Setup(Level.Trial)
    public void setUp()
    {
        final boolean trade = "trade".equals(message);
        final String text = trade ? TRADE : BOOK;
        bytes = text.getBytes(StandardCharsets.US_ASCII);
        frame = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length));
        frame.putBytes(0, bytes);
        idOffset = trade ? text.indexOf("-000000000000") + 1 : text.indexOf("\"u\":") + 4;
        idDigits = trade ? TRADE_ID_DIGITS : UPDATE_ID_DIGITS;
        path = new VenueDecodePath(new BybitAdapter()).group(BybitAdapter.LINEAR)
            .instrument("BTCUSDT", 1, MarketType.PERPETUAL);
        if (!trade)
        {
            final byte[] snapshot = text.replace("\"delta\"", "\"snapshot\"").getBytes(StandardCharsets.US_ASCII);
            path.decode(new UnsafeBuffer(snapshot), 0, snapshot.length);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        path.close();
        if ("zvt".equals(decoder))
        {
            path.verify();
        }
    }

    @Benchmark
    public Object decode(final Blackhole blackhole) throws Exception
    {
        if ("zvt".equals(decoder))
        {
            FrameDigits.increment(frame, idOffset, idDigits);
            path.decode(frame, 0, frame.capacity());
            return null;
        }
        final String text = new String(bytes, StandardCharsets.UTF_8);
        final JsonNode root = mapper.readTree(text);
        blackhole.consume(root.get("topic").textValue());
        blackhole.consume(root.get("type").textValue());
        blackhole.consume(root.get("ts").longValue());
        final JsonNode data = root.get("data");
        if ("trade".equals(message))
        {
            for (final JsonNode trade : data)
            {
                blackhole.consume(trade.get("T").longValue());
                blackhole.consume(trade.get("S").textValue());
                blackhole.consume(new BigDecimal(trade.get("v").textValue()));
                blackhole.consume(new BigDecimal(trade.get("p").textValue()));
                blackhole.consume(trade.get("i").textValue());
            }
        }
        else
        {
            blackhole.consume(data.get("u").longValue());
            for (final JsonNode level : data.get("b"))
            {
                blackhole.consume(new BigDecimal(level.get(0).textValue()));
                blackhole.consume(new BigDecimal(level.get(1).textValue()));
            }
            for (final JsonNode level : data.get("a"))
            {
                blackhole.consume(new BigDecimal(level.get(0).textValue()));
                blackhole.consume(new BigDecimal(level.get(1).textValue()));
            }
        }
        return root;
    }
}
