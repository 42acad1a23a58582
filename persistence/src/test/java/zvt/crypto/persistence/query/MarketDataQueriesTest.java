package zvt.crypto.persistence.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import zvt.crypto.core.codec.CandleSource;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.persistence.TestEvents;
import zvt.crypto.persistence.TestSchema;
import zvt.crypto.persistence.writer.DbWriterTestSupport;

class MarketDataQueriesTest
{
    private static final Instant BASE = Instant.ofEpochSecond(0, TestEvents.BASE_NANOS);

    @TempDir
    Path dir;

    @Test
    void shouldAnswerCandlesTradesAndTheLatestBookOverARange() throws Exception
    {
        try (TestSchema schema = TestSchema.migrated();
            Journal journal = Journal.open(new JournalContext().directory(dir));
            TestEvents events = new TestEvents(journal);
            MarketDataQueries queries = new MarketDataQueries(schema.context(), 2))
        {
            events.define(TestEvents.BTC);
            for (int i = 0; i < 300_000; i += 100) // one trade every 100 ms for 5 minutes
            {
                events.trade(TestEvents.BTC, i, true);
            }
            events.candle(TestEvents.BTC, CandleSource.REST, TestEvents.BASE_NANOS, 101, true);
            events.snapshotPart(TestEvents.BTC, TestEvents.BASE_NANOS, new long[] {1000}, new long[] {1001}, true);
            events.snapshotPart(TestEvents.BTC, TestEvents.BASE_NANOS + 1, new long[] {1002}, new long[] {1003}, true);
            DbWriterTestSupport.runUntilCaughtUp(schema, journal);

            final List<CandleRow> minutes = new ArrayList<>();
            assertEquals(3, queries.candles(Venue.BINANCE, MarketType.SPOT, "BTC-USDT", OhlcvInterval.M1, "trades",
                BASE, BASE.plusSeconds(180), 1_000, minutes::add));
            assertEquals(3, minutes.size());
            assertEquals(BASE, minutes.get(0).openTime());
            assertEquals(600L, minutes.get(0).tradeCount());
            assertEquals("100.00", minutes.get(0).open(), "the stored scale, as PostgreSQL writes it");
            assertEquals(1, queries.candles(Venue.BINANCE, MarketType.SPOT, "BTC-USDT", OhlcvInterval.M5, "trades",
                BASE, BASE.plusSeconds(3600), 10, row -> { }));
            final List<CandleRow> rest = new ArrayList<>();
            queries.candles(Venue.BINANCE, MarketType.SPOT, "BTC-USDT", OhlcvInterval.M1, "rest", BASE,
                BASE.plusSeconds(60), 10, rest::add);
            assertEquals("rest", rest.get(0).source());

            final List<TradeRow> trades = new ArrayList<>();
            assertEquals(10, queries.trades(Venue.BINANCE, MarketType.SPOT, "BTC-USDT", BASE.plusSeconds(10),
                BASE.plusSeconds(11), 100, trades::add));
            assertEquals(10, trades.size());
            assertEquals("10000", trades.get(0).tradeId());
            assertEquals("buy", trades.get(0).side());
            assertEquals(0, queries.trades(Venue.BINANCE, MarketType.SPOT, "ETH-USDT", BASE, BASE.plusSeconds(60), 10,
                row -> { }));

            final BookSnapshotRow book = queries.latestBook(Venue.BINANCE, MarketType.SPOT, "BTC-USDT").orElseThrow();
            assertEquals("[[\"100.2\", \"1\"]]", book.bidsJson());
            assertThrows(IllegalArgumentException.class, () -> queries.trades(Venue.BINANCE, MarketType.SPOT,
                "BTC-USDT", BASE, BASE, 0, row -> { }));
        }
    }
}
