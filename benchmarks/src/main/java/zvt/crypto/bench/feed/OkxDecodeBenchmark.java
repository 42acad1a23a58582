package zvt.crypto.bench.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
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
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.feed.book.BookSync;
import zvt.crypto.feed.book.SyncCounters;
import zvt.crypto.feed.connection.FeedCounters;
import zvt.crypto.feed.okx.OkxAdapter;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.venue.FrameDecoder;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * OKX frame decode on one core: frame bytes (direct memory, as Netty hands them over) → SBE event in a ring slot,
 * through the decoder {@link OkxAdapter#newDecoder} returns and the feed's {@link FeedPublisher} (parse, route,
 * duplicate check, publish; book updates also through the live {@link BookSync} with OKX's {@code prevSeqId} rule
 * and checksum hook). Every operation carries a new id ({@code tradeId}, or {@code prevSeqId}/{@code seqId} rewritten
 * in place) so nothing is dropped as a duplicate or a gap. Book frames carry checksum 0, as OKX sends since 2026-06
 * (not verified; the checksum's book is still maintained). The ring has no consumer, so only decoding is measured.
 * <p>
 * The peer in the same run, {@code jackson}: XChange's OKX stream DTOs are not in this build (adding
 * {@code org.knowm.xchange:xchange-stream-okex} would change the shared benchmarks pom), so the peer is plain Jackson
 * tree decoding to the same fields, as a typical client does: text frame → String, {@code readTree}, route on
 * {@code arg.channel}/{@code arg.instId}, then {@code BigDecimal} prices and sizes, {@code Long.parseLong} ids and
 * times.
 * <p>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar OkxDecodeBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", BenchmarkJvm.MISC, BenchmarkJvm.REF, BenchmarkJvm.UTIL, BenchmarkJvm.NIO_CH,
    BenchmarkJvm.SUN_MISC, BenchmarkJvm.LANG, BenchmarkJvm.REFLECT, BenchmarkJvm.IO, BenchmarkJvm.UTIL_OPEN,
    BenchmarkJvm.NIO, BenchmarkJvm.NIO_CH_OPEN, BenchmarkJvm.NO_ANALYTICS})
public class OkxDecodeBenchmark
{
    /** A recorded {@code trades} frame (okx/trades.jsonl), trade id widened to 13 digits. */
    static final String TRADE = "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[{\"instId\":" +
        "\"BTC-USDT\",\"tradeId\":\"1000000000000\",\"px\":\"30243.5\",\"sz\":\"0.001\",\"side\":\"buy\"," +
        "\"ts\":\"1652459226050\"}]}";
    /** A recorded {@code books} update with 12 levels (okx/books.jsonl), with seqId/prevSeqId as OKX sends now. */
    static final String BOOK = "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\"," +
        "\"data\":[{\"asks\":[[\"30243.5\",\"1.2112\",\"0\",\"4\"],[\"30243.6\",\"0.059\",\"0\",\"1\"],[\"30246.6\"," +
        "\"0.16\",\"0\",\"1\"],[\"30247.5\",\"0\",\"0\",\"0\"],[\"30249.3\",\"0.06523858\",\"0\",\"1\"],[\"30249.7\"," +
        "\"0\",\"0\",\"0\"]],\"bids\":[[\"30237.2\",\"0\",\"0\",\"0\"],[\"30236.1\",\"0.05452\",\"0\",\"1\"]," +
        "[\"30235.9\",\"0.1016\",\"0\",\"2\"],[\"30231.6\",\"0.07189062\",\"0\",\"1\"],[\"30228.6\",\"0.23393\",\"0\"," +
        "\"3\"],[\"30228.5\",\"0\",\"0\",\"0\"]],\"ts\":\"1652459225481\",\"checksum\":0,\"prevSeqId\":1000000000000," +
        "\"seqId\":1000000000001}]}";
    private static final String SNAPSHOT = "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":" +
        "\"snapshot\",\"data\":[{\"asks\":[[\"30243.5\",\"1\",\"0\",\"1\"]],\"bids\":[[\"30236.1\",\"1\",\"0\",\"1\"]]," +
        "\"ts\":\"1652459225381\",\"checksum\":0,\"prevSeqId\":-1,\"seqId\":1000000000001}]}";
    private static final int ID_DIGITS = 13;

    @Param({"trade", "book"})
    String message;

    @Param({"zvt", "jackson"})
    String decoder;

    private final FeedCounters counters = new FeedCounters(new CountersRegistry(), "test");
    private final SyncCounters syncCounters = new SyncCounters(new CountersRegistry(), "test");
    private ScheduledExecutorService timers;
    private FeedPublisher publisher;
    private FrameDecoder okx;
    private UnsafeBuffer frame;
    private int[] idOffsets;
    private final ObjectMapper mapper = new ObjectMapper();
    private byte[] bytes;

    @Setup(Level.Trial)
    public void setUp()
    {
        final String text = "trade".equals(message) ? TRADE : BOOK;
        bytes = text.getBytes(StandardCharsets.US_ASCII);
        frame = direct(text);
        idOffsets = "trade".equals(message) ? new int[] {text.indexOf("\"tradeId\":\"") + 11} :
            new int[] {text.indexOf("\"prevSeqId\":") + 12, text.indexOf("\"seqId\":") + 8};

        final RingBuffer<MarketEvent> ring =
            RingBuffer.createSingleProducer(MarketEvent::new, 1024, new BusySpinWaitStrategy());
        timers = Executors.newSingleThreadScheduledExecutor();
        final OkxAdapter adapter = new OkxAdapter();
        publisher = new FeedPublisher(Venue.OKX, ring, counters, syncCounters, adapter.decodeErrors());
        final BookSync books = new BookSync(Venue.OKX, ring, new ControlEventPublisher(ring, () -> 0L), timers,
            () -> 0L, syncCounters, adapter::newChecksum);
        books.addInstrument(1, "BTC-USDT",
            adapter.newBookRule(Instrument.of(1, Venue.OKX, MarketType.SPOT, "BTC-USDT", "BTC-USDT")));
        publisher.books(books).addSymbol(0, "BTC-USDT", 1);
        okx = adapter.newDecoder(publisher);
        if (!"trade".equals(message))
        {
            final UnsafeBuffer snapshot = direct(SNAPSHOT);
            publisher.beginFrame(1, 0, 0L);
            okx.decode(snapshot, 0, snapshot.capacity());
            publisher.endFrame();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        timers.shutdownNow();
        if (counters.decodeErrors() != 0 || syncCounters.gaps() != 0 || syncCounters.duplicates() != 0 ||
            ("zvt".equals(decoder) && counters.events() == 0))
        {
            throw new IllegalStateException("decode went wrong: " + counters + " " + syncCounters);
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
            publisher.beginFrame(1, 0, 0L);
            okx.decode(frame, 0, frame.capacity());
            publisher.endFrame();
            return null;
        }
        final JsonNode root = mapper.readTree(new String(bytes, StandardCharsets.UTF_8));
        final JsonNode arg = root.get("arg");
        blackhole.consume(arg.get("channel").textValue());
        blackhole.consume(arg.get("instId").textValue());
        for (final JsonNode entry : root.get("data"))
        {
            if ("trade".equals(message))
            {
                blackhole.consume(Long.parseLong(entry.get("tradeId").textValue()));
                blackhole.consume(new BigDecimal(entry.get("px").textValue()));
                blackhole.consume(new BigDecimal(entry.get("sz").textValue()));
                blackhole.consume("buy".equals(entry.get("side").textValue()));
            }
            else
            {
                levels(entry.get("asks"), blackhole);
                levels(entry.get("bids"), blackhole);
                blackhole.consume(entry.get("seqId").longValue());
                blackhole.consume(entry.get("prevSeqId").longValue());
                blackhole.consume(entry.get("checksum").intValue());
            }
            blackhole.consume(Long.parseLong(entry.get("ts").textValue()));
        }
        return root;
    }

    private static void levels(final JsonNode levels, final Blackhole blackhole)
    {
        for (final JsonNode level : levels)
        {
            blackhole.consume(new BigDecimal(level.get(0).textValue()));
            blackhole.consume(new BigDecimal(level.get(1).textValue()));
        }
    }

    private static UnsafeBuffer direct(final String text)
    {
        final byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(ascii.length));
        buffer.putBytes(0, ascii);
        return buffer;
    }
}
