package zvt.crypto.persistence.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import zvt.crypto.core.codec.CandleSource;
import zvt.crypto.core.test.Tests;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.persistence.TestEvents;
import zvt.crypto.persistence.TestSchema;

class DbWriterTest
{
    @TempDir
    Path dir;

    @Test
    void shouldWriteEveryTradeOnceAcrossRestartsAndResumeAfterTheCheckpoint()
    {
        try (TestSchema schema = TestSchema.migrated();
            Journal journal = Journal.open(new JournalContext().directory(dir));
            TestEvents events = new TestEvents(journal))
        {
            events.define(TestEvents.BTC);
            for (int i = 0; i < 25_000; i++)
            {
                events.trade(TestEvents.BTC, i, true);
            }
            runUntilCaughtUp(schema, journal);
            assertEquals(25_000, schema.queryLong("SELECT count(*) FROM crypto_trades"));
            final long firstCheckpoint = schema.queryLong("SELECT journal_index FROM zvt_writer_checkpoint");
            assertEquals(journal.lastIndex(), firstCheckpoint);

            for (int i = 25_000; i < 30_000; i++)
            {
                events.trade(TestEvents.BTC, i, i % 2 == 0);
            }
            final DbWriterStatus second = runUntilCaughtUp(schema, journal);
            assertEquals(5_000, second.rowsStaged(), "the restart must read only what follows the checkpoint");
            assertEquals(30_000, schema.queryLong("SELECT count(*) FROM crypto_trades"));
            assertEquals(30_000, schema.queryLong("SELECT count(DISTINCT (entity_id, trade_id)) FROM crypto_trades"));
            assertEquals(2_500, schema.queryLong("SELECT count(*) FROM crypto_trades WHERE trade_id LIKE 'j%'"));
        }
    }

    @Test
    void shouldWriteNothingTwiceWhenTheSameRangeIsReadAgain()
    {
        try (TestSchema schema = TestSchema.migrated();
            Journal journal = Journal.open(new JournalContext().directory(dir));
            TestEvents events = new TestEvents(journal))
        {
            events.define(TestEvents.BTC);
            events.define(TestEvents.ETH);
            for (int i = 0; i < 3_000; i++)
            {
                events.trade(i % 3 == 0 ? TestEvents.ETH : TestEvents.BTC, i, i % 5 != 0);
            }
            runUntilCaughtUp(schema, journal);
            final String before = fingerprint(schema);

            schema.execute("DELETE FROM zvt_writer_checkpoint"); // as if the whole journal were new to the writer
            final DbWriterStatus again = runUntilCaughtUp(schema, journal);

            assertEquals(3_000, again.rowsStaged());
            assertEquals(before, fingerprint(schema));
            assertEquals(3_000, schema.queryLong("SELECT count(*) FROM crypto_trades"));
            assertEquals(2, schema.queryLong("SELECT count(*) FROM crypto_pairs"));
            assertEquals(3, schema.queryLong("SELECT count(*) FROM crypto_assets"));
        }
    }

    @Test
    void shouldBuildCandlesFromTradesAndRollThemUpExactly()
    {
        try (TestSchema schema = TestSchema.migrated();
            Journal journal = Journal.open(new JournalContext().directory(dir));
            TestEvents events = new TestEvents(journal))
        {
            events.define(TestEvents.BTC);
            events.define(TestEvents.ETH);
            for (int i = 0; i < 150_000; i += 10) // 15,000 BTC trades over 150 s: three 1m bars, one 5m bar
            {
                events.trade(TestEvents.BTC, i, true);
                if (i == 10_000 || i == 20_000)
                {
                    events.trade(TestEvents.ETH, i + 5, true); // then ETH goes quiet
                }
                if (i == 90_000)
                {
                    // Small batches, and a restart in the middle of a minute: bars continue across both.
                    runUntilCaughtUp(schema, journal, 1_000);
                    // The first trade after the restart is late: Binance's clock closed ETH's minute at 65 s.
                    events.trade(TestEvents.ETH, 30_005, true);
                }
            }
            runUntilCaughtUp(schema, journal, 1_000);

            final String btc = " WHERE symbol = 'BTC-USDT'";
            assertEquals(3, schema.queryLong("SELECT count(*) FROM crypto_ohlcv_1m" + btc));
            assertEquals(15_000, schema.queryLong("SELECT sum(trade_count) FROM crypto_ohlcv_1m" + btc));
            final String fromTrades = schema.queryString(
                "SELECT string_agg(concat_ws(' ', open, high, low, close, volume, trade_count), ';' ORDER BY m) FROM (" +
                " SELECT date_bin('1 minute', timestamp, timestamptz 'epoch') m," +
                " (array_agg(price ORDER BY timestamp))[1] open, max(price) high, min(price) low," +
                " (array_agg(price ORDER BY timestamp DESC))[1] close, sum(quantity) volume, count(*) trade_count" +
                " FROM crypto_trades" + btc + " GROUP BY 1) t");
            assertEquals(fromTrades, schema.queryString(
                "SELECT string_agg(concat_ws(' ', open, high, low, close, volume, trade_count), ';' ORDER BY timestamp)" +
                " FROM crypto_ohlcv_1m" + btc));
            assertEquals(schema.queryString("SELECT concat_ws(' ', min(low), max(high), sum(volume), sum(trade_count))" +
                " FROM crypto_ohlcv_1m" + btc), schema.queryString(
                "SELECT concat_ws(' ', low, high, volume, trade_count) FROM crypto_ohlcv_1d" + btc));
            assertEquals(1, schema.queryLong("SELECT count(*) FROM crypto_ohlcv_5m" + btc));
            assertEquals(1, schema.queryLong("SELECT count(*) FROM crypto_ohlcv_1h" + btc));
            assertEquals("true true false", schema.queryString(
                "SELECT string_agg(closed::text, ' ' ORDER BY timestamp) FROM crypto_ohlcv_1m" + btc),
                "two closed minutes and the forming one");
            assertEquals("true 2 3", schema.queryString("SELECT concat_ws(' ', o.closed::text, o.trade_count, " +
                "(SELECT count(*) FROM crypto_trades WHERE symbol = 'ETH-USDT')) FROM crypto_ohlcv_1m o " +
                "WHERE symbol = 'ETH-USDT'"),
                "the quiet instrument's minute closed by the venue's clock; its late trade stored but not counted");
            assertEquals(TradeCandleRows.expected(journal), TradeCandleRows.stored(schema),
                "every interval as one uninterrupted aggregation of the journal gives");
        }
    }

    @Test
    void shouldStoreVenueCandlesWithTheirSourceAndJoinedBookSnapshots()
    {
        try (TestSchema schema = TestSchema.migrated();
            Journal journal = Journal.open(new JournalContext().directory(dir));
            TestEvents events = new TestEvents(journal))
        {
            events.define(TestEvents.BTC);
            final long minute = TestEvents.BASE_NANOS;
            events.candle(TestEvents.BTC, CandleSource.VENUE_STREAM, minute, 101, false);
            events.candle(TestEvents.BTC, CandleSource.VENUE_STREAM, minute, 103, true); // the final bar wins
            events.candle(TestEvents.BTC, CandleSource.REST, minute, 99, true);
            events.snapshotPart(TestEvents.BTC, minute, new long[] {1005, 1004}, new long[0], false);
            events.snapshotPart(TestEvents.BTC, minute, new long[0], new long[] {1006}, true);
            runUntilCaughtUp(schema, journal);

            assertEquals("rest 99 t;venue_stream 103 t", schema.queryString(
                "SELECT string_agg(concat_ws(' ', source, close, closed), ';' ORDER BY source) FROM crypto_ohlcv_1m"));
            assertEquals("[[\"100.5\", \"1\"], [\"100.4\", \"1\"]] [[\"100.6\", \"1\"]]",
                schema.queryString("SELECT bids::text || ' ' || asks::text FROM crypto_orderbook"));
        }
    }

    @Test
    void shouldNotCheckpointPastAnUnfinishedSnapshotAndReReadItWholeAfterARestart()
    {
        try (TestSchema schema = TestSchema.migrated();
            Journal journal = Journal.open(new JournalContext().directory(dir));
            TestEvents events = new TestEvents(journal))
        {
            events.define(TestEvents.BTC);
            events.trade(TestEvents.BTC, 0, true);
            final long beforeSnapshot = journal.lastIndex();
            events.snapshotPart(TestEvents.BTC, TestEvents.BASE_NANOS, new long[] {1005}, new long[0], false);
            for (int i = 1; i <= 100; i++)
            {
                events.trade(TestEvents.BTC, i, true);
            }
            try (DbWriter writer = DbWriter.start(new DbWriterContext().journal(journal).database(schema.context())))
            {
                Tests.await(() -> writer.status().rowsStaged() == 101, Duration.ofSeconds(20),
                    () -> "writer did not write the trades: " + writer.status());
                assertEquals(beforeSnapshot, writer.status().committedIndex(),
                    "the checkpoint stays before the snapshot's first part");
            }

            events.snapshotPart(TestEvents.BTC, TestEvents.BASE_NANOS, new long[0], new long[] {1006}, true);
            events.trade(TestEvents.BTC, 101, true);
            runUntilCaughtUp(schema, journal); // re-reads trades 1..100 (already written) with duplicate-safe inserts

            assertEquals("[[\"100.5\", \"1\"]] [[\"100.6\", \"1\"]]",
                schema.queryString("SELECT bids::text || ' ' || asks::text FROM crypto_orderbook"));
            assertEquals(102, schema.queryLong("SELECT count(*) FROM crypto_trades"));
            assertEquals(102, schema.queryLong("SELECT sum(trade_count) FROM crypto_ohlcv_1m"));
        }
    }

    static DbWriterStatus runUntilCaughtUp(final TestSchema schema, final Journal journal)
    {
        return runUntilCaughtUp(schema, journal, 10_000);
    }

    static DbWriterStatus runUntilCaughtUp(final TestSchema schema, final Journal journal, final int batchRows)
    {
        try (DbWriter writer = DbWriter.start(new DbWriterContext()
            .journal(journal)
            .database(schema.context())
            .maxBatchRows(batchRows)))
        {
            Tests.await(() -> writer.status().committedIndex() == journal.lastIndex(), Duration.ofSeconds(20),
                () -> "writer did not catch up: " + writer.status());
            assertTrue(writer.status().connected());
            return writer.status();
        }
    }

    private static String fingerprint(final TestSchema schema)
    {
        return schema.queryString("SELECT md5(string_agg(concat_ws(' ', entity_id, timestamp, trade_id, price," +
            " quantity, side, is_buyer_maker), ';' ORDER BY entity_id, timestamp, trade_id)) FROM crypto_trades") +
            schema.queryString("SELECT md5(string_agg(concat_ws(' ', entity_id, source, timestamp, open, high, low," +
                " close, volume, trade_count), ';' ORDER BY entity_id, source, timestamp)) FROM crypto_ohlcv_1m");
    }
}
