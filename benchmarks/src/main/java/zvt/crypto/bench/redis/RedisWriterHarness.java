package zvt.crypto.bench.redis;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.sun.management.OperatingSystemMXBean;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.XAddParams;

import zvt.crypto.core.codec.BookUpdateEncoder;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.BooleanType;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.TopOfBookEncoder;
import zvt.crypto.core.codec.TradeEncoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentDefinitionCodec;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.json.EventJsonRenderer;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.journal.JournalEventHandler;
import zvt.crypto.persistence.redis.RedisSettings;
import zvt.crypto.persistence.redis.RedisStateHandler;
import zvt.crypto.persistence.redis.RedisWriter;

/**
 * The Redis writer against the real Redis on localhost, each beside a straightforward writer in the same run:
 * <ul>
 *   <li>{@code state}: events (60% book deltas, 30% trades, 10% top of book over 20 instruments) into the ring
 *       consumer ({@link RedisStateHandler}) in ring batches of 64, its flusher writing conflated hashes meanwhile;
 *       reported: events/s into the consumer, instrument hashes written, and process CPU per event. Baseline: every
 *       event rendered to JSON and HSET, pipelined 64 at a time (no conflation).</li>
 *   <li>{@code streams}: a journal of the same events tailed into the venue streams ({@code RedisStreamSink}:
 *       MULTI/EXEC batches of up to 2,000 entries, one XADD per venue, with the head index); reported: entries/s
 *       until caught up.
 *       Baseline: one XADD per entry, each waiting for its reply.</li>
 * </ul>
 * <pre>
 *   java -cp ... zvt.crypto.bench.redis.RedisWriterHarness [events, default 2,000,000] [rounds, default 2]
 * </pre>
 */
public final class RedisWriterHarness
{
    private static final int INSTRUMENTS = 20;
    private static final int RING_BATCH = 64;
    private static final int BASELINE_STREAM_ENTRIES = 100_000;

    private final InstrumentRegistry instruments = new InstrumentRegistry();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final BookUpdateEncoder book = new BookUpdateEncoder();
    private final TopOfBookEncoder top = new TopOfBookEncoder();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean();

    public static void main(final String[] args) throws Exception
    {
        final int events = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        final RedisWriterHarness harness = new RedisWriterHarness();
        for (int i = 0; i < INSTRUMENTS; i++)
        {
            harness.instruments.intern(Venue.BINANCE, MarketType.SPOT, "S" + i + "USDT", "S" + i + "-USDT");
        }
        for (int round = 1; round <= rounds; round++)
        {
            harness.state(events, round);
            harness.stateBaseline(events / 4, round);
            harness.streams(events / 2, round);
            harness.streamsBaseline(BASELINE_STREAM_ENTRIES, round);
        }
    }

    private void state(final int events, final int round) throws Exception
    {
        final String prefix = "bench-" + UUID.randomUUID();
        final Path directory = Files.createTempDirectory("redis-bench");
        try (Journal journal = Journal.open(new JournalContext().directory(directory));
            RedisWriter writer = RedisWriter.start(settings(prefix), journal, instruments, new SystemEpochNanoClock(),
                new CountersRegistry()))
        {
            final RedisStateHandler handler = writer.ringHandler();
            final MarketEvent event = new MarketEvent();
            run(handler, event, events / 10); // warm-up
            final long cpuBefore = os.getProcessCpuTime();
            final long writtenBefore = writer.stateStatus().instrumentsWritten();
            final long start = System.nanoTime();
            run(handler, event, events);
            final long elapsed = System.nanoTime() - start;
            Thread.sleep(100); // the flusher's last drain
            final long cpu = os.getProcessCpuTime() - cpuBefore;
            report(round, "state", "conflating ring consumer + flusher", events, elapsed, cpu,
                "hashes written " + (writer.stateStatus().instrumentsWritten() - writtenBefore));
        }
        finally
        {
            deleteKeys(prefix);
        }
    }

    private void run(final RedisStateHandler handler, final MarketEvent event, final int events) throws Exception
    {
        for (int i = 0; i < events; i++)
        {
            encode(event.reset(), i);
            event.journalIndex(i);
            handler.onEvent(event, i, (i + 1) % RING_BATCH == 0);
        }
    }

    private void stateBaseline(final int events, final int round) throws Exception
    {
        final String prefix = "bench-" + UUID.randomUUID();
        final EventJsonRenderer renderer = new EventJsonRenderer(instruments);
        final UnsafeBuffer json = new UnsafeBuffer(new byte[4096]);
        final MarketEvent event = new MarketEvent();
        final byte[][] keys = new byte[INSTRUMENTS + 1][];
        for (int i = 1; i <= INSTRUMENTS; i++)
        {
            keys[i] = (prefix + ":state:" + i).getBytes(StandardCharsets.UTF_8);
        }
        final byte[] field = "last".getBytes(StandardCharsets.US_ASCII);
        try (Jedis jedis = new Jedis("127.0.0.1", 6379))
        {
            final long cpuBefore = os.getProcessCpuTime();
            final long start = System.nanoTime();
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < events; i++)
            {
                encode(event.reset(), i);
                final int length = renderer.render(event.buffer(), 0, i, json, 0);
                final byte[] value = new byte[length];
                json.getBytes(0, value);
                pipeline.hset(keys[1 + i % INSTRUMENTS], field, value);
                if ((i + 1) % RING_BATCH == 0)
                {
                    pipeline.sync();
                    pipeline = jedis.pipelined();
                }
            }
            pipeline.sync();
            final long elapsed = System.nanoTime() - start;
            report(round, "state", "baseline: HSET per event, pipelined 64", events, elapsed,
                os.getProcessCpuTime() - cpuBefore, "hashes written " + events);
        }
        finally
        {
            deleteKeys(prefix);
        }
    }

    private void streams(final int events, final int round) throws Exception
    {
        final String prefix = "bench-" + UUID.randomUUID();
        final Path directory = Files.createTempDirectory("redis-bench");
        try (Journal journal = Journal.open(new JournalContext().directory(directory)))
        {
            append(journal, events);
            final long cpuBefore = os.getProcessCpuTime();
            final long start = System.nanoTime();
            try (RedisWriter writer = RedisWriter.start(settings(prefix), journal, instruments,
                new SystemEpochNanoClock(), new CountersRegistry()))
            {
                if (!writer.awaitStreamsCaughtUp(Duration.ofMinutes(5)))
                {
                    throw new IllegalStateException("streams never caught up: " + writer.streamStatus());
                }
                final long elapsed = System.nanoTime() - start;
                report(round, "streams", "journal sink, MULTI/EXEC batches", (int)writer.streamStatus().rowsStaged(),
                    elapsed, os.getProcessCpuTime() - cpuBefore, "batches " + writer.streamStatus().batches());
            }
        }
        finally
        {
            deleteKeys(prefix);
        }
    }

    private void streamsBaseline(final int entries, final int round) throws Exception
    {
        final String prefix = "bench-" + UUID.randomUUID();
        final byte[] key = (prefix + ":stream:binance").getBytes(StandardCharsets.UTF_8);
        final MarketEvent event = new MarketEvent();
        try (Jedis jedis = new Jedis("127.0.0.1", 6379))
        {
            final long cpuBefore = os.getProcessCpuTime();
            final long start = System.nanoTime();
            for (int i = 0; i < entries; i++)
            {
                encode(event.reset(), i);
                final byte[] bytes = new byte[event.length()];
                event.buffer().getBytes(0, bytes);
                jedis.xadd(key, XAddParams.xAddParams().id((i + 1) + "-0").maxLen(1_000_000).approximateTrimming(),
                    Map.of(new byte[]{'e'}, bytes));
            }
            final long elapsed = System.nanoTime() - start;
            report(round, "streams", "baseline: XADD per entry, one round trip each", entries, elapsed,
                os.getProcessCpuTime() - cpuBefore, "");
        }
        finally
        {
            deleteKeys(prefix);
        }
    }

    private void append(final Journal journal, final int events)
    {
        final JournalEventHandler appender = new JournalEventHandler(journal);
        final MarketEvent event = new MarketEvent();
        final InstrumentDefinitionCodec definitions = new InstrumentDefinitionCodec();
        for (final Instrument instrument : instruments.all())
        {
            event.reset().length(definitions.encode(instrument, 0, event.buffer(), 0));
            appender.onEvent(event, 0, true);
        }
        for (int i = 0; i < events; i++)
        {
            encode(event.reset(), i);
            appender.onEvent(event, i, (i + 1) % RING_BATCH == 0);
        }
        appender.onShutdown();
    }

    /** Event {@code i}: 6 in 10 book deltas, 3 trades, 1 top of book, round robin over the instruments. */
    private void encode(final MarketEvent event, final int i)
    {
        final int instrumentId = 1 + i % INSTRUMENTS;
        final long time = 1_767_225_600_000_000_000L + i * 100_000L;
        final long price = 1_000_000 + (i * 7L) % 1_000;
        final int kind = i % 10;
        if (kind < 6)
        {
            book.wrapAndApplyHeader(event.buffer(), 0, header)
                .receiveTimeNanos(time).exchangeTimeNanos(time).instrumentId(instrumentId).venue(Venue.BINANCE)
                .kind(i < INSTRUMENTS * 10 ? BookUpdateKind.SNAPSHOT : BookUpdateKind.DELTA)
                .lastInBatch(BooleanType.TRUE).firstSequence(i).lastSequence(i);
            final BookUpdateEncoder.LevelsEncoder levels = book.levelsCount(2);
            levels.next().side(Side.BUY).price().mantissa(price).exponent((byte)-2);
            levels.size().mantissa(1 + i % 5).exponent((byte)-3);
            levels.next().side(Side.SELL).price().mantissa(price + 1_000).exponent((byte)-2);
            levels.size().mantissa(1 + i % 3).exponent((byte)-3);
            event.length(MessageHeaderEncoder.ENCODED_LENGTH + book.encodedLength());
        }
        else if (kind < 9)
        {
            trade.wrapAndApplyHeader(event.buffer(), 0, header)
                .receiveTimeNanos(time).exchangeTimeNanos(time).instrumentId(instrumentId).venue(Venue.BINANCE)
                .aggressorSide((i & 1) == 0 ? Side.BUY : Side.SELL);
            trade.price().mantissa(price).exponent((byte)-2);
            trade.size().mantissa(1 + i % 9).exponent((byte)-3);
            trade.venueTradeId(Integer.toString(i));
            event.length(MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
        }
        else
        {
            top.wrapAndApplyHeader(event.buffer(), 0, header)
                .receiveTimeNanos(time).exchangeTimeNanos(time).instrumentId(instrumentId).venue(Venue.BINANCE)
                .sequence(i);
            top.bidPrice().mantissa(price).exponent((byte)-2);
            top.bidSize().mantissa(5).exponent((byte)-3);
            top.askPrice().mantissa(price + 1).exponent((byte)-2);
            top.askSize().mantissa(7).exponent((byte)-3);
            event.length(MessageHeaderEncoder.ENCODED_LENGTH + top.encodedLength());
        }
    }

    private static RedisSettings settings(final String prefix)
    {
        return RedisSettings.of("redis://127.0.0.1:6379", null).withKeyPrefix(prefix);
    }

    private static void report(
        final int round, final String part, final String writer, final int events, final long elapsedNanos,
        final long cpuNanos, final String detail)
    {
        System.out.printf("| %d | %s | %s | %,d | %,.0f/s | %.2f µs | %s |%n", round, part, writer, events,
            events * 1e9 / elapsedNanos, cpuNanos / 1e3 / events, detail);
    }

    private static void deleteKeys(final String prefix)
    {
        try (Jedis jedis = new Jedis("127.0.0.1", 6379))
        {
            for (final String key : jedis.keys(prefix + ":*"))
            {
                jedis.del(key);
            }
        }
    }
}
