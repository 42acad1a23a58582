package zvt.crypto.bench.ring;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.ProducerType;
import org.agrona.IoUtil;
import org.agrona.concurrent.SystemEpochNanoClock;
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
import zvt.crypto.bench.BenchmarkJvm;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.TradeEncoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.latency.HopLatencies;
import zvt.crypto.core.ring.MarketEventRing;
import zvt.crypto.core.ring.RingContext;
import zvt.crypto.core.ring.WaitStrategyType;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.journal.JournalEventHandler;
import zvt.crypto.journal.JournalStats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ring publish + journal append, the durable half of the hot path: one producer thread encodes a Trade of
 * {@code eventBytes} bytes straight into a claimed slot and publishes; the journal consumer appends it to a
 * Chronicle Queue on disk; an after-journal consumer counts. Throughput is producer ops/s, which the full ring
 * holds to the journal's pace. The {@code sink} parameter gives the baselines in the same run: {@code none} is the
 * ring alone (a consumer that only reads the slot), {@code journal} is the real thing. {@code metrics=on} records
 * the hop latencies the node records (exchange → receive and receive → journal in the journal handler, journal →
 * fan-out in the after-journal consumer), for the overhead of metrics on the hot path.
 * <pre>
 *   producer ──► ring (65,536 slots) ──► journal append ──► counter
 * </pre>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar RingJournalBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", BenchmarkJvm.MISC, BenchmarkJvm.REF, BenchmarkJvm.UTIL, BenchmarkJvm.NIO_CH,
    BenchmarkJvm.SUN_MISC, BenchmarkJvm.LANG, BenchmarkJvm.REFLECT, BenchmarkJvm.IO, BenchmarkJvm.UTIL_OPEN,
    BenchmarkJvm.NIO, BenchmarkJvm.NIO_CH_OPEN, BenchmarkJvm.NO_ANALYTICS})
public class RingJournalBenchmark
{
    @Param({"100", "200"})
    int eventBytes;

    @Param({"journal", "none"})
    String sink;

    @Param({"BLOCKING"})
    WaitStrategyType waitStrategy;

    @Param({"off", "on"})
    String metrics;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final AtomicLong consumed = new AtomicLong();
    private Path directory;
    private Journal journal;
    private MarketEventRing ring;
    private RingBuffer<MarketEvent> ringBuffer;
    private byte[] tradeId;
    private long published;
    private HopLatencies latencies;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        directory = Files.createTempDirectory("zvt-bench-journal");
        latencies = "on".equals(metrics) ? new HopLatencies(new SystemEpochNanoClock()) : null;
        final EventHandler<MarketEvent> first;
        if ("journal".equals(sink))
        {
            journal = Journal.open(new JournalContext().directory(directory));
            first = new JournalEventHandler(journal).latencies(latencies);
        }
        else
        {
            first = (event, sequence, endOfBatch) -> event.journalIndex(event.length());
        }
        final EventHandler<MarketEvent> counter = (event, sequence, endOfBatch) ->
        {
            if (latencies != null && event.journalTimeNanos() != 0)
            {
                latencies.journalToFanout().record(latencies.clock().nanoTime() - event.journalTimeNanos());
            }
            if (endOfBatch)
            {
                consumed.lazySet(sequence + 1);
            }
        };
        // SINGLE: the one benchmark thread is the only publisher.
        ring = new MarketEventRing(new RingContext().waitStrategy(waitStrategy).producerType(ProducerType.SINGLE),
            first, List.of(counter)).start();
        ringBuffer = ring.ringBuffer();
        final int fixedLength = MessageHeaderEncoder.ENCODED_LENGTH + TradeEncoder.BLOCK_LENGTH +
            TradeEncoder.venueTradeIdHeaderLength();
        tradeId = new byte[Math.max(1, eventBytes - fixedLength)];
        java.util.Arrays.fill(tradeId, (byte)'7');
    }

    @Benchmark
    public long publish()
    {
        final long sequence = ringBuffer.next();
        try
        {
            final MarketEvent event = ringBuffer.get(sequence).reset();
            trade.wrapAndApplyHeader(event.buffer(), 0, header)
                .receiveTimeNanos(sequence)
                .exchangeTimeNanos(sequence)
                .instrumentId((int)(sequence & 7) + 1)
                .venue(Venue.BINANCE)
                .aggressorSide(Side.BUY);
            trade.price().mantissa(6_319_320_000_000L + (sequence & 1023)).exponent((byte)-8);
            trade.size().mantissa(164_000L).exponent((byte)-8);
            trade.putVenueTradeId(tradeId, 0, tradeId.length);
            event.length(MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
        }
        finally
        {
            ringBuffer.publish(sequence);
        }
        return ++published;
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        ring.close();
        if (consumed.get() != published)
        {
            throw new IllegalStateException("consumed " + consumed.get() + " of " + published + " published events");
        }
        if (journal != null)
        {
            final long entries = JournalStats.of(journal).entries();
            journal.close();
            if (entries != published)
            {
                throw new IllegalStateException("journal holds " + entries + " of " + published + " published events");
            }
        }
        IoUtil.delete(directory.toFile(), true);
    }
}
