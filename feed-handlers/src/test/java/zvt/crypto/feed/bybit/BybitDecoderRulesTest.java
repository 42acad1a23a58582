package zvt.crypto.feed.bybit;

import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.feed.test.DecoderHarness;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Bybit stream rules as the decoder, the publisher and the book sync apply them together: {@code u} gaps,
 * the {@code u == 1} restart snapshot, resubscription, duplicates of an overlapping session, the ticker cache,
 * level-1 re-pushes, trade order and rejected frames. Bybit books carry no checksum, so there is no checksum
 * mismatch case.
 */
class BybitDecoderRulesTest
{
    private static final int BTC = 1;

    @Test
    void shouldMarkAGapStaleResubscribeAndResyncOnTheFreshSnapshot() throws Exception
    {
        final CountDownLatch resubscribed = new CountDownLatch(1);
        final AtomicInteger resubscribedId = new AtomicInteger();
        final List<String> lines;
        try (DecoderHarness harness = linear())
        {
            harness.books().resubscriber((instrumentId, reason) ->
            {
                resubscribedId.set(instrumentId);
                resubscribed.countDown();
            });
            harness.deliver(book("snapshot", 100, "[[\"10.0\",\"1\"]]", "[[\"11.0\",\"2\"]]"));
            harness.deliver(book("delta", 101, "[[\"10.0\",\"0\"],[\"9.5\",\"3\"]]", "[]"));
            harness.deliver(book("delta", 103, "[[\"9.6\",\"1\"]]", "[]"));
            harness.deliver(book("delta", 104, "[[\"9.7\",\"1\"]]", "[]"));
            assertTrue(resubscribed.await(10, TimeUnit.SECONDS), "resubscribed");
            harness.deliver(book("snapshot", 200, "[[\"9.9\",\"1\"]]", "[[\"11.0\",\"2\"]]"));
            harness.deliver(book("delta", 201, "[]", "[[\"11.0\",\"0\"],[\"11.5\",\"1\"]]"));
            harness.close();
            lines = harness.collector().lines();
            assertEquals(1, harness.syncCounters().gaps());
        }
        assertEquals(BTC, resubscribedId.get());
        assertEquals(List.of(
            "book 1 SNAPSHOT U=100 u=100 E=1786310818000000000 [BUY 10.0 1;SELL 11.0 2;]",
            "status 1 RESYNCED snapshot id 100",
            "book 1 DELTA U=101 u=101 E=1786310818000000000 [BUY 10.0 0;BUY 9.5 3;]",
            "status 1 GAP_DETECTED expected id 102, got 103..103",
            "book 1 SNAPSHOT U=200 u=200 E=1786310818000000000 [BUY 9.9 1;SELL 11.0 2;]",
            "status 1 RESYNCED snapshot id 200",
            "book 1 DELTA U=201 u=201 E=1786310818000000000 [SELL 11.0 0;SELL 11.5 1;]"), lines);
    }

    @Test
    void shouldOverwriteTheBookWithARestartDeltaWhoseUIsOne()
    {
        try (DecoderHarness harness = linear())
        {
            harness.deliver(book("snapshot", 5_000, "[[\"10.0\",\"1\"]]", "[[\"11.0\",\"2\"]]"));
            harness.deliver(book("delta", 1, "[[\"20.0\",\"1\"]]", "[[\"21.0\",\"1\"]]"));
            harness.deliver(book("delta", 2, "[[\"20.5\",\"1\"]]", "[]"));
            harness.close();
            assertEquals(List.of(
                "book 1 SNAPSHOT U=5000 u=5000 E=1786310818000000000 [BUY 10.0 1;SELL 11.0 2;]",
                "status 1 RESYNCED snapshot id 5000",
                "book 1 SNAPSHOT U=1 u=1 E=1786310818000000000 [BUY 20.0 1;SELL 21.0 1;]",
                "book 1 DELTA U=2 u=2 E=1786310818000000000 [BUY 20.5 1;]"), harness.collector().lines());
            assertEquals(0, harness.syncCounters().gaps());
        }
    }

    @Test
    void shouldDropWhatAnOverlappingSessionDeliversAgain()
    {
        final String snapshot = book("snapshot", 100, "[[\"10.0\",\"1\"]]", "[[\"11.0\",\"2\"]]");
        final String delta = book("delta", 101, "[[\"10.0\",\"3\"]]", "[]");
        final String trade = "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1786310819681,\"data\":" +
            "[{\"T\":1786310819680,\"s\":\"BTCUSDT\",\"S\":\"Sell\",\"v\":\"0.004\",\"p\":\"65114.20\"," +
            "\"L\":\"MinusTick\"," +
            "\"i\":\"a9188a0a-82bc-50de-be60-03eedbe3cdd7\",\"BT\":false,\"RPI\":false,\"seq\":753843954913}]}";
        final String top = "{\"topic\":\"orderbook.1.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1749833474773,\"data\":" +
            "{\"s\":\"BTCUSDT\",\"b\":[[\"0.6131\",\"17.9\"]],\"a\":[[\"0.6134\",\"35.4\"]],\"u\":24042997," +
            "\"seq\":209972815373},\"cts\":1749833474768}";
        final String kline = "{\"topic\":\"kline.1.BTCUSDT\",\"data\":[{\"start\":1786310760000," +
            "\"end\":1786310819999," +
            "\"interval\":\"1\",\"open\":\"65119.9\",\"close\":\"65114.3\",\"high\":\"65119.9\",\"low\":\"65114.2\"," +
            "\"volume\":\"1.576\",\"turnover\":\"102627.995\",\"confirm\":false,\"timestamp\":1786310818440}]," +
            "\"ts\":1786310818440,\"type\":\"snapshot\"}";
        try (DecoderHarness harness = linear())
        {
            for (final String frame : List.of(snapshot, delta, trade, top, kline))
            {
                harness.session(1, BybitAdapter.LINEAR).deliver(frame);
                harness.session(2, BybitAdapter.LINEAR).deliver(frame);
            }
            harness.close();
            final List<String> lines = harness.collector().lines();
            assertEquals(1, harness.collector().lines("trade").size(), lines.toString());
            assertEquals(1, harness.collector().lines("top").size(), lines.toString());
            assertEquals(1, harness.collector().lines("candle").size(), lines.toString());
            assertEquals(1, harness.collector().lines("book 1 DELTA").size(), lines.toString());
            // Session 2's snapshot moves the book to session 2 (a resync without a gap); its delta copy is dropped.
            assertEquals(2, harness.collector().lines("book 1 SNAPSHOT").size(), lines.toString());
            assertEquals(0, harness.syncCounters().gaps());
            assertTrue(harness.syncCounters().duplicates() >= 4);
            assertEquals(10, harness.counters().events() + harness.counters().ignored());
        }
    }

    @Test
    void shouldMergeLinearTickerDeltasIntoTheCachedTicker()
    {
        try (DecoderHarness harness = linear())
        {
            harness.deliver(ticker("snapshot", 10, "\"lastPrice\":\"65114.30\",\"bid1Price\":\"65114.20\"," +
                "\"bid1Size\":\"5.954\",\"ask1Price\":\"65114.30\",\"ask1Size\":\"10.470\""));
            harness.deliver(ticker("delta", 11, "\"ask1Size\":\"10.488\""));
            harness.deliver(ticker("delta", 12, "\"markPrice\":\"65117.43\""));
            harness.deliver(ticker("delta", 11, "\"bid1Price\":\"1.0\""));
            harness.deliver(ticker("delta", 13, "\"bid1Price\":\"65114.10\",\"bid1Size\":\"1.000\""));
            harness.close();
            assertEquals(List.of(
                "top 1 u=10 b=65114.20 B=5.954 a=65114.30 A=10.470 T=1786310818000000000",
                "top 1 u=11 b=65114.20 B=5.954 a=65114.30 A=10.488 T=1786310818000000000",
                "top 1 u=13 b=65114.10 B=1.000 a=65114.30 A=10.488 T=1786310818000000000"),
                harness.collector().lines());
            assertEquals(5, harness.counters().events() + harness.counters().ignored());
        }
    }

    @Test
    void shouldPublishSpotTickersAsNothingAndALevelOneRepushOnce()
    {
        try (DecoderHarness harness = new DecoderHarness(new BybitAdapter()))
        {
            harness.session(1, BybitAdapter.SPOT).instrument("BTCUSDT", BTC, MarketType.SPOT);
            harness.deliver("{\"topic\":\"tickers.BTCUSDT\",\"ts\":1786310819126,\"type\":\"snapshot\"," +
                "\"cs\":112488546160,\"data\":{\"symbol\":\"BTCUSDT\",\"lastPrice\":\"65140.5\"}}");
            final String level1 = "{\"topic\":\"orderbook.1.BTCUSDT\",\"ts\":1749833472906,\"type\":\"snapshot\"," +
                "\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"0.579\",\"3886.45\"]],\"a\":[],\"u\":1399781," +
                "\"seq\":122620616678},\"cts\":1749833472901}";
            harness.deliver(level1);
            harness.deliver(level1.replace("122620616678", "122620616999"));
            harness.close();
            assertEquals(List.of("top 1 u=1399781 b=0.579 B=3886.45 a=0 A=0 T=1749833472906000000"),
                harness.collector().lines());
            assertEquals(1, harness.counters().events());
            assertEquals(2, harness.counters().ignored());
        }
    }

    @Test
    void shouldPublishLevelOneQuotesAfterARestartWhoseUIsOne()
    {
        try (DecoderHarness harness = linear())
        {
            harness.deliver(levelOne("0.6131", 24_042_997));
            harness.deliver(levelOne("0.6131", 24_042_997)); // the 3 s re-push: dropped
            harness.deliver(levelOne("0.6200", 1)); // service restart: u counts from 1 again
            harness.deliver(levelOne("0.6201", 2));
            harness.close();
            assertEquals(List.of(
                "top 1 u=24042997 b=0.6131 B=17.9 a=0.6134 A=35.4 T=1749833474773000000",
                "top 1 u=1 b=0.6200 B=17.9 a=0.6134 A=35.4 T=1749833474773000000",
                "top 1 u=2 b=0.6201 B=17.9 a=0.6134 A=35.4 T=1749833474773000000"), harness.collector().lines());
        }
    }

    private static String levelOne(final String bid, final long u)
    {
        return "{\"topic\":\"orderbook.1.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1749833474773,\"data\":" +
            "{\"s\":\"BTCUSDT\",\"b\":[[\"" + bid + "\",\"17.9\"]],\"a\":[[\"0.6134\",\"35.4\"]],\"u\":" + u +
            ",\"seq\":209972815373},\"cts\":1749833474768}";
    }

    @Test
    void shouldPublishTradesOldestFirstEvenIfListedNewestFirst()
    {
        try (DecoderHarness harness = new DecoderHarness(new BybitAdapter()))
        {
            harness.session(1, BybitAdapter.SPOT).instrument("ETHUSDT", BTC, MarketType.SPOT);
            harness.deliver("{\"topic\":\"publicTrade.ETHUSDT\",\"ts\":1786310821917,\"type\":\"snapshot\",\"data\":[" +
                "{\"i\":\"2280000001739247418\",\"T\":1786310821918,\"p\":\"1923.29\",\"v\":\"0.1\",\"S\":\"Buy\"}," +
                "{\"i\":\"2280000001739247417\",\"T\":1786310821917,\"p\":\"1923.28\",\"v\":\"0.04537\"," +
                "\"S\":\"Sell\"}]}");
            harness.close();
            assertEquals(List.of(
                "trade 1 SELL p=1923.28 q=0.04537 id=2280000001739247417 T=1786310821917000000",
                "trade 1 BUY p=1923.29 q=0.1 id=2280000001739247418 T=1786310821918000000"),
                harness.collector().lines());
        }
    }

    @Test
    void shouldDecodeTheSameWhateverTheKeyOrder()
    {
        try (DecoderHarness harness = linear())
        {
            harness.deliver("{\"data\":{\"s\":\"BTCUSDT\",\"u\":100,\"a\":[[\"11.0\",\"2\"]]," +
                "\"b\":[[\"10.0\",\"1\"]]}," +
                "\"ts\":1786310818000,\"type\":\"snapshot\",\"topic\":\"orderbook.50.BTCUSDT\"}");
            harness.deliver("{\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"i\":\"7\",\"S\":\"Buy\",\"p\":\"1.5\"," +
                "\"v\":\"2\",\"T\":1786310818001}],\"topic\":\"publicTrade.BTCUSDT\"}");
            harness.close();
            assertEquals(List.of(
                "book 1 SNAPSHOT U=100 u=100 E=1786310818000000000 [SELL 11.0 2;BUY 10.0 1;]",
                "status 1 RESYNCED snapshot id 100",
                "trade 1 BUY p=1.5 q=2 id=7 T=1786310818001000000"), harness.collector().lines());
        }
    }

    @Test
    void shouldRejectMalformedFramesByReasonAndIgnoreControlReplies()
    {
        try (DecoderHarness harness = linear())
        {
            harness.deliver("{\"topic\":\"publicTrade.BTCUSDT\"");
            harness.deliver("{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":1," +
                "\"S\":\"Buy\",\"v\":\"1\",\"p\":\"x\",\"i\":\"1\"}]}");
            harness.deliver("{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":1," +
                "\"S\":\"Hold\",\"v\":\"1\",\"p\":\"1\",\"i\":\"1\"}]}");
            harness.deliver(book("delta", 7, "[[\"1\"]]", "[]"));
            harness.deliver("{\"topic\":\"orderbook.x.BTCUSDT\",\"type\":\"delta\",\"ts\":1,\"data\":{}}");
            harness.deliver("{\"topic\":\"kline.2.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[]}");
            harness.deliver("{\"topic\":\"tickers.BTCUSDT\",\"type\":\"snapshot\",\"data\":{}}");
            harness.deliver("{\"success\":false,\"ret_msg\":\"error:handler not found\",\"conn_id\":\"c\"," +
                "\"req_id\":\"\",\"op\":\"subscribe\"}");
            harness.deliver("{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"c\",\"op\":\"ping\"}");
            harness.deliver("{\"args\":[\"1672916271846\"],\"op\":\"pong\"}");
            harness.deliver("{\"topic\":\"publicTrade.XRPUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[]}");
            harness.close();
            final var errors = harness.publisher().errors();
            assertEquals(1, errors.count(BybitDecodeError.MALFORMED_JSON));
            assertEquals(1, errors.count(BybitDecodeError.BAD_PRICE));
            assertEquals(1, errors.count(BybitDecodeError.BAD_SIDE));
            assertEquals(1, errors.count(BybitDecodeError.BAD_LEVELS));
            assertEquals(2, errors.count(BybitDecodeError.BAD_TOPIC));
            assertEquals(1, errors.count(BybitDecodeError.MISSING_FIELD));
            assertEquals(7, harness.counters().decodeErrors());
            assertEquals(4, harness.counters().ignored());
            assertEquals(List.of(), harness.collector().lines());
        }
    }

    private static DecoderHarness linear()
    {
        return new DecoderHarness(new BybitAdapter()).session(1, BybitAdapter.LINEAR)
            .instrument("BTCUSDT", BTC, MarketType.PERPETUAL);
    }

    static String book(final String type, final long u, final String bids, final String asks)
    {
        return "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"" + type + "\",\"ts\":1786310818000,\"data\":" +
            "{\"s\":\"BTCUSDT\",\"b\":" + bids + ",\"a\":" + asks + ",\"u\":" + u + ",\"seq\":" + (9_000 + u) +
            "},\"cts\":1786310817999}";
    }

    private static String ticker(final String type, final long cs, final String fields)
    {
        return "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"" + type + "\",\"data\":{\"symbol\":\"BTCUSDT\"," + fields +
            "},\"cs\":" + cs + ",\"ts\":1786310818000}";
    }
}
