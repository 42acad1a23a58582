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
import zvt.crypto.feed.coinbase.CoinbaseAdapter;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Coinbase Advanced Trade frame decode on one core: frame bytes (direct memory, as Netty hands them over) → SBE
 * event in a ring slot, through the adapter's decoder as the runner wires it ({@link VenueDecodePath}: envelope,
 * {@code sequence_num} check, routing, duplicate check, encode, publish; level2 also through the live
 * book sync). Every operation carries the next {@code sequence_num} (and, for trades, the next
 * {@code trade_id}), rewritten in place, so nothing is dropped as a duplicate or seen as a gap. The ring has no
 * consumer (slots are overwritten), so only decoding is measured.
 * <p>
 * The peer in the same run, {@code jackson}: Maven Central has no XChange stream module for Advanced Trade
 * (XChange's {@code coinbasepro} stream DTOs are for the Exchange ws-feed, another format), so the peer is plain
 * Jackson tree decoding of the same frame to the same fields: {@code readTree}, then BigDecimal price and size,
 * {@link Instant#parse} for times, the sequence and ids.
 * <p>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar CoinbaseDecodeBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", BenchmarkJvm.MISC, BenchmarkJvm.REF, BenchmarkJvm.UTIL, BenchmarkJvm.NIO_CH,
    BenchmarkJvm.SUN_MISC, BenchmarkJvm.LANG, BenchmarkJvm.REFLECT, BenchmarkJvm.IO, BenchmarkJvm.UTIL_OPEN,
    BenchmarkJvm.NIO, BenchmarkJvm.NIO_CH_OPEN, BenchmarkJvm.NO_ANALYTICS})
public class CoinbaseDecodeBenchmark
{
    /** Numbers are rewritten in place with 12 digits, from this one (JSON allows no leading zeros). */
    static final long FIRST = 100_000_000_000L;
    /** A recorded {@code market_trades} update (coinbase/advanced/market_trades.jsonl), numbers widened. */
    static final String TRADE = "{\"channel\":\"market_trades\",\"client_id\":\"\",\"timestamp\":" +
        "\"2026-08-09T21:05:49.553346966Z\",\"sequence_num\":100000000000,\"events\":[{\"type\":\"update\"," +
        "\"trades\":[{\"product_id\":\"BTC-USD\",\"trade_id\":\"100000000000\",\"price\":\"65083.67\"," +
        "\"size\":\"0.00152112\",\"time\":\"2026-08-09T21:05:49.507468Z\",\"side\":\"SELL\"}]}]}";
    /** A recorded {@code l2_data} update shape (coinbase/advanced/l2_data.jsonl) with 4 levels. */
    static final String LEVEL2 = "{\"channel\":\"l2_data\",\"client_id\":\"\",\"timestamp\":" +
        "\"2026-08-09T21:05:48.506659391Z\",\"sequence_num\":100000000000,\"events\":[{\"type\":\"update\"," +
        "\"product_id\":\"BTC-USD\",\"updates\":[{\"side\":\"offer\",\"event_time\":\"2026-08-09T21:05:48.264069Z\"," +
        "\"price_level\":\"65106.54\",\"new_quantity\":\"0.15361938\"},{\"side\":\"offer\",\"event_time\":" +
        "\"2026-08-09T21:05:48.264069Z\",\"price_level\":\"65155.5\",\"new_quantity\":\"0.00000011\"},{\"side\":" +
        "\"bid\",\"event_time\":\"2026-08-09T21:05:48.264069Z\",\"price_level\":\"65083.27\",\"new_quantity\":" +
        "\"0\"},{\"side\":\"bid\",\"event_time\":\"2026-08-09T21:05:48.264069Z\",\"price_level\":\"65082.75\"," +
        "\"new_quantity\":\"0.001546\"}]}]}";
    private static final String SNAPSHOT = "{\"channel\":\"l2_data\",\"timestamp\":" +
        "\"2026-08-09T21:05:48.483587501Z\",\"sequence_num\":" + FIRST + ",\"events\":[{\"type\":\"snapshot\"," +
        "\"product_id\":\"BTC-USD\",\"updates\":[]}]}";
    private static final int DIGITS = 12;

    @Param({"trade", "level2"})
    String message;

    @Param({"zvt", "jackson"})
    String decoder;

    private VenueDecodePath path;
    private UnsafeBuffer frame;
    private int sequenceOffset;
    private int idOffset;
    private final ObjectMapper mapper = new ObjectMapper();
    private byte[] bytes;

    @Setup(Level.Trial)
    public void setUp()
    {
        final String text = "trade".equals(message) ? TRADE : LEVEL2;
        bytes = text.getBytes(StandardCharsets.US_ASCII);
        frame = direct(bytes);
        sequenceOffset = text.indexOf("\"sequence_num\":") + "\"sequence_num\":".length();
        idOffset = text.indexOf("\"trade_id\":\"") + "\"trade_id\":\"".length();

        path = new VenueDecodePath(new CoinbaseAdapter()).instrument("BTC-USD", 1, MarketType.SPOT);
        final UnsafeBuffer snapshot = direct(SNAPSHOT.getBytes(StandardCharsets.US_ASCII));
        path.decode(snapshot, 0, snapshot.capacity());
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        path.close();
        if (path.syncCounters().duplicates() != 0)
        {
            throw new IllegalStateException("frames were dropped as duplicates: " + path.syncCounters());
        }
        path.verify();
    }

    @Benchmark
    public Object decode(final Blackhole blackhole) throws Exception
    {
        if ("zvt".equals(decoder))
        {
            FrameDigits.increment(frame, sequenceOffset, DIGITS);
            if ("trade".equals(message))
            {
                FrameDigits.increment(frame, idOffset, DIGITS);
            }
            path.decode(frame, 0, frame.capacity());
            return null;
        }
        // The peer: Netty's TextWebSocketFrame.text(), readTree, then the fields the SBE event carries.
        final JsonNode root = mapper.readTree(new String(bytes, StandardCharsets.UTF_8));
        blackhole.consume(root.get("sequence_num").longValue());
        blackhole.consume(Instant.parse(root.get("timestamp").asText()));
        for (final JsonNode event : root.get("events"))
        {
            if ("trade".equals(message))
            {
                for (final JsonNode trade : event.get("trades"))
                {
                    blackhole.consume(trade.get("product_id").asText());
                    blackhole.consume(trade.get("trade_id").asText());
                    blackhole.consume(new BigDecimal(trade.get("price").asText()));
                    blackhole.consume(new BigDecimal(trade.get("size").asText()));
                    blackhole.consume(Instant.parse(trade.get("time").asText()));
                    blackhole.consume("BUY".equals(trade.get("side").asText()));
                }
            }
            else
            {
                blackhole.consume(event.get("product_id").asText());
                blackhole.consume("snapshot".equals(event.get("type").asText()));
                for (final JsonNode level : event.get("updates"))
                {
                    blackhole.consume("bid".equals(level.get("side").asText()));
                    blackhole.consume(Instant.parse(level.get("event_time").asText()));
                    blackhole.consume(new BigDecimal(level.get("price_level").asText()));
                    blackhole.consume(new BigDecimal(level.get("new_quantity").asText()));
                }
            }
        }
        return root;
    }

    private static UnsafeBuffer direct(final byte[] bytes)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length));
        buffer.putBytes(0, bytes);
        return buffer;
    }
}
