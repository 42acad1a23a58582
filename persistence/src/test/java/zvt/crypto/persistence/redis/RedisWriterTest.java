package zvt.crypto.persistence.redis;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.XTrimParams;

import zvt.crypto.core.book.OrderBook;
import zvt.crypto.core.book.OrderBookEventHandler;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.test.Tests;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.journal.JournalReader;
import zvt.crypto.persistence.TcpProxy;
import zvt.crypto.persistence.TestEvents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zvt.crypto.persistence.TestEvents.BASE_NANOS;
import static zvt.crypto.persistence.TestEvents.BTC;
import static zvt.crypto.persistence.TestEvents.ETH;

/**
 * The Redis writer against the real Redis on 127.0.0.1:6379, each test under its own key prefix: the state hashes
 * hold each instrument's latest messages, the venue streams hold every journal entry exactly once across restarts,
 * and Redis going away stops neither the ring consumer nor the journal.
 */
class RedisWriterTest
{
    private static final int REDIS_PORT = 6379;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String prefix = "test-" + UUID.randomUUID();
    private final InstrumentRegistry instruments = new InstrumentRegistry();
    private final Jedis redis = new Jedis("127.0.0.1", REDIS_PORT);

    @TempDir
    Path journalDir;

    @AfterEach
    void deleteKeys()
    {
        for (final String key : redis.keys(prefix + ":*"))
        {
            redis.del(key);
        }
        redis.close();
    }

    @Test
    void shouldKeepEachInstrumentsLatestTradeTopBookAndFormingCandleInItsHash() throws Exception
    {
        instruments.put(BTC);
        instruments.put(ETH);
        try (Journal journal = Journal.open(new JournalContext().directory(journalDir));
            RedisWriter writer = RedisWriter.start(settings(REDIS_PORT).withBookDepth(3), journal, instruments,
                new SystemEpochNanoClock(), new CountersRegistry());
            TestEvents events = new TestEvents(journal, writer.ringHandler()))
        {
            events.define(BTC);
            events.define(ETH);
            long lastTrade = 0;
            for (int i = 0; i < 100; i++)
            {
                lastTrade = events.trade(BTC, i, true);
            }
            final long snapshot = events.snapshotPart(BTC, BASE_NANOS + 200_000_000L,
                new long[]{1000, 999, 998, 997, 996}, new long[]{1001, 1002, 1003, 1004, 1005}, true);
            final long top = events.top(BTC, BASE_NANOS + 300_000_000L, 1000, 1001);
            events.trade(ETH, 7, true);

            final String btcKey = prefix + ":state:binance:BTC-USDT";
            Tests.await(() -> redis.hlen(btcKey) == 4 && redis.exists(prefix + ":state:binance:ETH-USDT"),
                Duration.ofSeconds(10), () -> "state never written: " + redis.hgetAll(btcKey) + " " +
                writer.stateStatus());
            final Map<String, String> state = redis.hgetAll(btcKey);

            final JsonNode trade = JSON.readTree(state.get("trade"));
            assertEquals("trade", trade.get("type").asText());
            assertEquals("100.99", trade.get("price").asText(), "the last of 100 trades: " + trade);
            assertEquals("99", trade.get("tradeId").asText());
            assertEquals(lastTrade, trade.get("journalIndex").asLong());

            final JsonNode book = JSON.readTree(state.get("book"));
            assertEquals("book_snapshot", book.get("type").asText());
            assertEquals(3, book.get("depth").asInt());
            assertEquals("[[\"100.0\",\"1\"],[\"99.9\",\"1\"],[\"99.8\",\"1\"]]", book.get("bids").toString());
            assertEquals("[[\"100.1\",\"1\"],[\"100.2\",\"1\"],[\"100.3\",\"1\"]]", book.get("asks").toString());
            assertEquals(snapshot, book.get("journalIndex").asLong());

            final JsonNode topOfBook = JSON.readTree(state.get("top"));
            assertEquals("100.0", topOfBook.get("bidPrice").asText());
            assertEquals(top, topOfBook.get("journalIndex").asLong());

            final JsonNode candle = JSON.readTree(state.get("candle"));
            assertEquals("M1", candle.get("interval").asText());
            assertEquals("100.00", candle.get("open").asText());
            assertEquals("100.99", candle.get("close").asText());
            assertEquals("100.99", candle.get("high").asText());
            assertTrue(writer.stateStatus().instrumentsWritten() >= 2, writer.stateStatus().toString());
            assertEquals(0, writer.ringHandler().queueFull());
        }
    }

    @Test
    void shouldRenderABookChangedWithinTheDrainIntervalAtTheNextBatchEndOrIdleTimeout() throws Exception
    {
        instruments.put(BTC);
        try (Journal journal = Journal.open(new JournalContext().directory(journalDir));
            RedisWriter writer = RedisWriter.start(settings(REDIS_PORT).withBookDepth(1), journal, instruments,
                new SystemEpochNanoClock(), new CountersRegistry());
            TestEvents events = new TestEvents(journal, writer.ringHandler()))
        {
            events.define(BTC);
            events.snapshotPart(BTC, BASE_NANOS, new long[]{1000}, new long[]{1001}, true);
            final long delta = events.bidDelta(BTC, BASE_NANOS + 1_000_000L, 1000, 7); // within 5 ms of the render
            final long trade = events.trade(BTC, 1, true);
            final String key = prefix + ":state:binance:BTC-USDT";
            Tests.await(() -> redis.hget(key, "trade") != null && redis.hget(key, "book") != null,
                Duration.ofSeconds(10), () -> "state never written: " + redis.hgetAll(key));
            Tests.await(() -> redis.hget(key, "trade").contains("\"journalIndex\":" + trade), Duration.ofSeconds(10),
                () -> "a trade is not held back with the book: " + redis.hget(key, "trade"));

            // the delta came less than the interval after the snapshot's render (unless this thread was descheduled
            // that long): nothing more comes, so only the ring's idle timeout can bring it
            Thread.sleep(RedisWriter.STATE_DRAIN_MS + 1);
            writer.ringHandler().onTimeout(delta);
            Tests.await(() -> redis.hget(key, "book").contains("[[\"100.0\",\"7\"]]"), Duration.ofSeconds(10),
                () -> "the held book change never came: " + redis.hget(key, "book"));
            assertTrue(JSON.readTree(redis.hget(key, "book")).get("journalIndex").asLong() >= delta);
        }
    }

    @Test
    void shouldAppendEveryJournalEntryToItsVenueStreamExactlyOnceAcrossRestarts() throws Exception
    {
        try (Journal journal = Journal.open(new JournalContext().directory(journalDir));
            TestEvents events = new TestEvents(journal))
        {
            events.define(BTC);
            for (int i = 0; i < 5_000; i++)
            {
                events.trade(i % 2 == 0 ? BTC : ETH, i, true);
            }
            try (RedisWriter writer = startWriter(REDIS_PORT, journal))
            {
                assertTrue(writer.awaitStreamsCaughtUp(Duration.ofSeconds(20)), writer.streamStatus().toString());
            }
            for (int i = 5_000; i < 8_000; i++)
            {
                events.trade(BTC, i, true);
            }
            try (RedisWriter writer = startWriter(REDIS_PORT, journal))
            {
                assertTrue(writer.awaitStreamsCaughtUp(Duration.ofSeconds(20)), writer.streamStatus().toString());
            }
            assertStreamsHoldTheJournal(journal, 8_001);
        }
    }

    @Test
    void shouldGoOnWhileRedisIsDownAndCatchUpWhenItIsBack() throws Exception
    {
        instruments.put(BTC);
        try (TcpProxy proxy = new TcpProxy(REDIS_PORT);
            Journal journal = Journal.open(new JournalContext().directory(journalDir));
            RedisWriter writer = startWriter(proxy.port(), journal);
            TestEvents events = new TestEvents(journal, writer.ringHandler()))
        {
            events.define(BTC);
            for (int i = 0; i < 1_000; i++)
            {
                events.trade(BTC, i, true);
            }
            assertTrue(writer.awaitStreamsCaughtUp(Duration.ofSeconds(20)), writer.streamStatus().toString());

            proxy.cut();
            final long started = System.nanoTime();
            long lastTrade = 0;
            for (int i = 1_000; i < 21_000; i++)
            {
                lastTrade = events.trade(BTC, i, true); // the ring consumer's work goes on, queued at most once
            }
            final long downMs = (System.nanoTime() - started) / 1_000_000;
            Tests.await(() -> !writer.stateStatus().connected() && !writer.streamStatus().connected(),
                Duration.ofSeconds(10), () -> "the outage went unnoticed: " + writer.stateStatus());
            assertTrue(writer.stateStatus().failures() > 0 && writer.streamStatus().failures() > 0);

            proxy.restore();
            assertTrue(writer.awaitStreamsCaughtUp(Duration.ofSeconds(30)), writer.streamStatus().toString());
            final long expectedIndex = lastTrade;
            Tests.await(() -> tradeIndex() == expectedIndex, Duration.ofSeconds(10),
                () -> "state not rewritten after the outage: " + redis.hget(prefix + ":state:binance:BTC-USDT",
                "trade"));
            assertStreamsHoldTheJournal(journal, 21_001);
            System.out.println("redis outage: 20,000 events through the ring consumer in " + downMs +
                " ms while Redis was unreachable; state " + writer.stateStatus() + ", streams " +
                writer.streamStatus());
        }
    }

    @Test
    void shouldLetAReaderStartingInATrimmedStreamTakeEachBookFromTheWholeBooksTheSinkAppends() throws Exception
    {
        instruments.put(BTC);
        final OrderBookEventHandler journalBooks = new OrderBookEventHandler();
        try (Journal journal = Journal.open(new JournalContext().directory(journalDir));
            TestEvents events = new TestEvents(journal, (event, sequence, endOfBatch) ->
                journalBooks.onMessage(event.buffer(), 0)))
        {
            events.define(BTC);
            events.snapshotPart(BTC, BASE_NANOS, new long[]{1000, 999, 998}, new long[]{1001, 1002}, true);
            try (RedisWriter writer = RedisWriter.start(settings(REDIS_PORT), journal, instruments,
                new SystemEpochNanoClock(), new CountersRegistry()))
            {
                for (int i = 1; i <= 300; i++) // 30 s of deltas, 100 ms apart: whole books every 10 s
                {
                    events.bidDelta(BTC, BASE_NANOS + i * 100_000_000L, 990 + i % 7, i % 5);
                    if (i % 10 == 0) // a stream entry per second of deltas at most
                    {
                        assertTrue(writer.awaitStreamsCaughtUp(Duration.ofSeconds(20)),
                            writer.streamStatus().toString());
                    }
                }
            }
            final byte[] stream = (prefix + ":stream:binance").getBytes(StandardCharsets.UTF_8);
            final List<StreamRecord> records = streamRecords(stream);
            assertEquals(3, records.stream().filter(record -> record.part() == 1).count(),
                "a whole book at 10, 20 and 30 s of receive time");
            // The cap trimmed away the definition, the venue's snapshot and the first 12 s or so of deltas.
            final List<Object> entries = redis.xrange(stream, "-".getBytes(), "+".getBytes());
            assertTrue(entries.size() >= 30, "one stream entry per wave at least: " + entries.size());
            final byte[] firstKept = (byte[])((List<?>)entries.get(entries.size() * 2 / 5)).get(0);
            redis.xtrim(stream, XTrimParams.xTrimParams().minId(new String(firstKept, StandardCharsets.US_ASCII)));

            final OrderBookEventHandler readerBooks = new OrderBookEventHandler();
            final InstrumentRegistry readerInstruments = new InstrumentRegistry();
            readerInstruments.put(BTC);
            final RedisStreamReader reader = new RedisStreamReader(settings(REDIS_PORT), readerInstruments,
                (event, length, index) -> readerBooks.onMessage(event, 0), new SystemEpochNanoClock(),
                new CountersRegistry());
            try
            {
                Tests.await(() -> reader.doWork() == 0 && reader.lastIndex() == journal.lastIndex(),
                    Duration.ofSeconds(10), () -> "reader at " + reader.lastIndex());
            }
            finally
            {
                reader.onClose();
            }
            final OrderBook expected = journalBooks.bookOrNull(BTC.id());
            final OrderBook actual = readerBooks.bookOrNull(BTC.id());
            assertTrue(actual != null && actual.isServable(), "the reader holds a good book from the whole book");
            assertEquals(levels(expected), levels(actual));
            assertEquals(expected.lastSequence(), actual.lastSequence());
        }
    }

    private static String levels(final OrderBook book)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < book.bids().depth(); i++)
        {
            text.append("bid ").append(book.bids().price(i)).append('x').append(book.bids().size(i)).append(' ');
        }
        for (int i = 0; i < book.asks().depth(); i++)
        {
            text.append("ask ").append(book.asks().price(i)).append('x').append(book.asks().size(i)).append(' ');
        }
        return text.toString();
    }

    private long tradeIndex()
    {
        final String trade = redis.hget(prefix + ":state:binance:BTC-USDT", "trade");
        try
        {
            return trade == null ? -1 : JSON.readTree(trade).get("journalIndex").asLong();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private RedisWriter startWriter(final int port, final Journal journal)
    {
        return RedisWriter.start(settings(port), journal, instruments, new SystemEpochNanoClock(),
            new CountersRegistry());
    }

    private RedisSettings settings(final int port)
    {
        return RedisSettings.of("redis://127.0.0.1:" + port, null).withKeyPrefix(prefix);
    }

    /** One record of a stream entry, and the entry's id. */
    private record StreamRecord(String entryId, long index, int part, byte[] event)
    {
    }

    private List<StreamRecord> streamRecords(final byte[] stream)
    {
        final List<StreamRecord> records = new ArrayList<>();
        for (final Object item : redis.xrange(stream, "-".getBytes(), "+".getBytes()))
        {
            final List<?> entry = (List<?>)item;
            final String id = new String((byte[])entry.get(0), StandardCharsets.US_ASCII);
            assertTrue(StreamEntryFormat.forEach((byte[])((List<?>)entry.get(1)).get(1),
                (index, part, event, offset, length) ->
                {
                    final byte[] bytes = new byte[length];
                    event.getBytes(offset, bytes);
                    records.add(new StreamRecord(id, index, part, bytes));
                }), "entry " + id + " holds whole records");
            final StreamRecord last = records.get(records.size() - 1);
            assertEquals(last.index() + "-" + last.part(), id, "an entry's id is its last record's");
        }
        return records;
    }

    /** Every journal entry is in its venue's stream once, in order, with its journal index and the same bytes. */
    private void assertStreamsHoldTheJournal(final Journal journal, final int expectedEntries)
    {
        final List<StreamRecord> records = streamRecords((prefix + ":stream:binance").getBytes(StandardCharsets.UTF_8));
        final List<Long> journalIds = new ArrayList<>();
        final List<byte[]> journalEntries = new ArrayList<>();
        try (JournalReader reader = journal.newReader().toStart())
        {
            while (reader.readNext((buffer, offset, length, index) ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                journalIds.add(index);
                journalEntries.add(bytes);
            }))
            {
                // reads to the end
            }
        }
        assertEquals(expectedEntries, journalIds.size());
        assertEquals(journalIds, records.stream().map(StreamRecord::index).toList(),
            "one record per journal entry, in order, none twice");
        for (int i = 0; i < records.size(); i++)
        {
            assertArrayEquals(journalEntries.get(i), records.get(i).event(), "entry " + i);
        }
        assertEquals(Long.toString(journalIds.get(journalIds.size() - 1)), redis.get(prefix + ":stream:head"));
    }
}
