package zvt.crypto.bench.feed;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import info.bitrich.xchangestream.binance.dto.BinanceWebsocketTransaction;
import info.bitrich.xchangestream.binance.dto.market.DepthBinanceWebSocketTransaction;
import info.bitrich.xchangestream.binance.dto.market.TradeBinanceWebsocketTransaction;
import info.bitrich.xchangestream.service.netty.StreamingObjectMapperHelper;
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
import zvt.crypto.feed.binance.BinanceAdapter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Binance frame decode on one core: frame bytes (direct memory, as Netty hands them over) → SBE event in a ring
 * slot, through the feed's decode path ({@link VenueDecodePath}: parse, route, duplicate check, decode, publish;
 * depth also through the live book sync's sequencing). Every operation carries a new id (trade id {@code t}, or
 * {@code U}/{@code u} for depth, rewritten in place) so nothing is dropped as a duplicate or a gap. The ring has no
 * consumer (slots are overwritten), so only decoding is measured.
 * <p>
 * The peer in the same run, {@code xchange}: the same message through XChange's Binance stream module as its
 * streaming service does it: text frame → String, {@code ObjectMapper.readTree}, then
 * {@code readValue(treeAsTokens(node), BinanceWebsocketTransaction<TradeBinanceWebsocketTransaction>)} (or the
 * depth DTO), with XChange's own ObjectMapper.
 * <p>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar BinanceDecodeBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", BenchmarkJvm.MISC, BenchmarkJvm.REF, BenchmarkJvm.UTIL, BenchmarkJvm.NIO_CH,
    BenchmarkJvm.SUN_MISC, BenchmarkJvm.LANG, BenchmarkJvm.REFLECT, BenchmarkJvm.IO, BenchmarkJvm.UTIL_OPEN,
    BenchmarkJvm.NIO, BenchmarkJvm.NIO_CH_OPEN, BenchmarkJvm.NO_ANALYTICS})
public class BinanceDecodeBenchmark
{
    /** A recorded {@code @trade} frame (binance/trade.jsonl), trade id widened to 13 digits. */
    static final String TRADE = "{\"stream\":\"bnbbtc@trade\",\"data\":{\"e\":\"trade\",\"E\":1554076800945," +
        "\"s\":\"BNBBTC\",\"t\":1000000000000,\"p\":\"0.00426990\",\"q\":\"33.82000000\",\"b\":133829535," +
        "\"a\":133829504,\"T\":1554076800940,\"m\":false,\"M\":true}}";
    /** A recorded {@code @depth@100ms} frame with 10 levels (binance/depthUpdate.jsonl), ids widened. */
    static final String DEPTH = "{\"stream\":\"ftmusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\"," +
        "\"E\":1628952398969,\"s\":\"FTMUSDT\",\"U\":1000000000000,\"u\":1000000000000,\"b\":[[\"0.34000000\"," +
        "\"1500.00000000\"],[\"0.33997000\",\"0.00000000\"],[\"0.33996000\",\"0.00000000\"],[\"0.33989000\"," +
        "\"6560.00000000\"],[\"0.33975000\",\"0.00000000\"],[\"0.33972000\",\"3091.60000000\"]],\"a\":[[" +
        "\"0.34025000\",\"0.00000000\"],[\"0.34029000\",\"2746.10000000\"],[\"0.34030000\",\"1500.00000000\"]," +
        "[\"0.34034000\",\"175.10000000\"]]}}";
    private static final int ID_DIGITS = 13;

    @Param({"trade", "depth"})
    String message;

    @Param({"zvt", "xchange"})
    String decoder;

    private VenueDecodePath path;
    private UnsafeBuffer frame;
    private int[] idOffsets;
    private ObjectMapper mapper;
    private JavaType type;
    private byte[] bytes;

    @Setup(Level.Trial)
    public void setUp()
    {
        final String text = "trade".equals(message) ? TRADE : DEPTH;
        bytes = text.getBytes(StandardCharsets.US_ASCII);
        frame = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length));
        frame.putBytes(0, bytes);
        idOffsets = "trade".equals(message) ? new int[] {text.indexOf("\"t\":") + 4} :
            new int[] {text.indexOf("\"U\":") + 4, text.indexOf("\"u\":") + 4};

        path = new VenueDecodePath(new BinanceAdapter())
            .instrument("BNBBTC", 1, MarketType.SPOT)
            .instrument("FTMUSDT", 2, MarketType.SPOT);
        if (!"trade".equals(message))
        {
            path.decode(frame, 0, frame.capacity());
            path.answer(2, "{\"lastUpdateId\":1000000000000,\"bids\":[],\"asks\":[]}");
        }

        mapper = StreamingObjectMapperHelper.getObjectMapper();
        type = "trade".equals(message) ?
            mapper.getTypeFactory().constructType(
                new TypeReference<BinanceWebsocketTransaction<TradeBinanceWebsocketTransaction>>() {}) :
            mapper.getTypeFactory().constructType(
                new TypeReference<BinanceWebsocketTransaction<DepthBinanceWebSocketTransaction>>() {});
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
            for (final int offset : idOffsets)
            {
                FrameDigits.increment(frame, offset, ID_DIGITS);
            }
            path.decode(frame, 0, frame.capacity());
            return null;
        }
        // XChange: Netty's TextWebSocketFrame.text(), JsonNettyStreamingService.readTree, then readTransaction.
        final String text = new String(bytes, StandardCharsets.UTF_8);
        final JsonNode node = mapper.readTree(text);
        final BinanceWebsocketTransaction<?> transaction = mapper.readValue(mapper.treeAsTokens(node), type);
        blackhole.consume(transaction.getData());
        return transaction;
    }
}
