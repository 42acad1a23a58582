package zvt.crypto.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.candle.CandleBar;
import zvt.crypto.core.candle.TradeCandles;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.json.EventJsonRenderer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static zvt.crypto.gateway.GatewayHarness.subscribe;

/**
 * The "candle" channel's bars built from trades, over loopback: every message is compared with what a reference
 * {@link TradeCandles}, fed the same trades, gives for that bar, rendered with the journal index it must carry.
 */
class LiveCandleFanoutTest
{
    /** A five-minute boundary, ten minutes into a quarter hour. */
    private static final long T0 = TimeUnit.SECONDS.toNanos(Instant.parse("2023-11-14T22:10:00Z").getEpochSecond());
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final GatewayHarness harness = new GatewayHarness(new GatewayContext());
    private final EventJsonRenderer renderer = new EventJsonRenderer(harness.instruments);
    private final ExpandableArrayBuffer encoded = new ExpandableArrayBuffer();
    private final ExpandableArrayBuffer rendered = new ExpandableArrayBuffer();
    private final CandleBar forming = new CandleBar();
    private final List<String> expectedClosed = new ArrayList<>();
    /** Journal index of the last trade published: closed bars carry the index of the trade that closed them. */
    private long lastIndex;
    private final TradeCandles reference = new TradeCandles(bar -> expectedClosed.add(render(bar, lastIndex)));

    @AfterEach
    void close()
    {
        harness.close();
    }

    @Test
    void shouldSendTheFormingMinuteWithTheOhlcvOfTheTradesSoFar()
    {
        final TestClient client = subscribedToBtcCandles();

        final long first = trade(harness.btcBinance, "65000.10", "0.5", T0 + 5 * SECOND);
        assertEquals(expectedForming(harness.btcBinance, first), client.next());
        final long second = trade(harness.btcBinance, "65010", "0.25", T0 + 20 * SECOND);
        assertEquals(expectedForming(harness.btcBinance, second), client.next());
        final long third = trade(harness.btcBinance, "64990.5", "1", T0 + 40 * SECOND);
        final String text = client.next();
        assertEquals(expectedForming(harness.btcBinance, third), text);

        final JsonNode bar = TestClient.parse(text);
        assertEquals("candle", bar.path("type").asText());
        assertEquals("BTC-USDT", bar.path("symbol").asText());
        assertEquals("trades", bar.path("source").asText());
        assertEquals("M1", bar.path("interval").asText());
        assertEquals(false, bar.path("closed").asBoolean());
        assertEquals(T0, bar.path("openTime").asLong());
        assertEquals(T0 + MINUTE, bar.path("closeTime").asLong());
        assertOhlcv(bar, "65000.10", "65010", "64990.5", "64990.5", "1.75", 3);
        assertEquals(third, bar.path("journalIndex").asLong());
        assertEquals(0, client.pending());
    }

    @Test
    void shouldSendOneFormingUpdatePerInstrumentAndBatch() throws InterruptedException
    {
        final TestClient client = subscribedToBtcCandles();
        final long[] lastInBatch = new long[1];
        harness.publishAsOneBatch(() ->
        {
            for (int i = 0; i < 5; i++)
            {
                trade(harness.btcBinance, "65000." + i, "0.1", T0 + i * SECOND);
                lastInBatch[0] = trade(harness.ethBinance, "3000", "1", T0 + i * SECOND);
            }
        });
        final JsonNode batchUpdate = TestClient.parse(client.next());
        final long after = trade(harness.btcBinance, "65001", "0.1", T0 + 10 * SECOND);

        // Messages arrive in ring order: an update per trade of the batch would come before this one.
        assertEquals(expectedForming(harness.btcBinance, after), client.next());
        assertEquals(lastInBatch[0], batchUpdate.path("journalIndex").asLong(),
            "sent after the batch's last event (an ETH trade), so with its index, not BTC's last trade's");
        assertEquals(5, batchUpdate.path("tradeCount").asLong());
        assertEquals("65000.4", batchUpdate.path("close").asText());
        assertEquals(0, client.pending());
    }

    @Test
    void shouldSendClosedBarsOfEveryIntervalAsLaterBucketsTrade()
    {
        final TestClient client = subscribedToBtcCandles();

        assertClosedThenForming(client, trade(harness.btcBinance, "100.5", "2", T0 + 10 * SECOND), List.of());
        assertClosedThenForming(client, trade(harness.btcBinance, "103", "1", T0 + MINUTE + 10 * SECOND),
            List.of("M1"));
        assertClosedThenForming(client, trade(harness.btcBinance, "99.25", "0.5", T0 + 4 * MINUTE + 10 * SECOND),
            List.of("M1"));
        final long nextFiveMinutes = trade(harness.btcBinance, "101", "1", T0 + 5 * MINUTE + 5 * SECOND);
        final List<JsonNode> closed = assertClosedThenForming(client, nextFiveMinutes, List.of("M1", "M5", "M15"));

        final JsonNode minute = closed.get(0);
        assertEquals(T0 + 4 * MINUTE, minute.path("openTime").asLong());
        assertEquals("99.25", minute.path("open").asText());
        final JsonNode fiveMinutes = closed.get(1);
        assertEquals("trades", fiveMinutes.path("source").asText());
        assertEquals(true, fiveMinutes.path("closed").asBoolean());
        assertEquals(T0, fiveMinutes.path("openTime").asLong());
        assertEquals(T0 + 5 * MINUTE, fiveMinutes.path("closeTime").asLong());
        assertOhlcv(fiveMinutes, "100.5", "103", "99.25", "99.25", "3.5", 3);
        assertEquals(nextFiveMinutes, fiveMinutes.path("journalIndex").asLong());
        assertEquals(T0 - 10 * MINUTE, closed.get(2).path("openTime").asLong());
        assertEquals(0, client.pending());
    }

    @Test
    void shouldCloseAQuietInstrumentsBarWhenItsVenueClockPassesItsEnd()
    {
        final TestClient client = subscribedToBtcCandles();
        assertClosedThenForming(client, trade(harness.btcBinance, "100", "1", T0 + 10 * SECOND), List.of());
        trade(harness.btcOkx, "200", "1", T0 + MINUTE + 30 * SECOND); // another venue's clock: nothing for BTC
        trade(harness.ethBinance, "10", "1", T0 + MINUTE + TradeCandles.CLOSE_DELAY_NANOS - 1);

        final long closing = trade(harness.ethBinance, "11", "1", T0 + MINUTE + TradeCandles.CLOSE_DELAY_NANOS);
        assertEquals(1, expectedClosed.size(), "the reference closed BTC's minute only: " + expectedClosed);
        final String text = client.next();
        assertEquals(expectedClosed.get(0), text);
        final JsonNode minute = TestClient.parse(text);
        assertEquals(T0, minute.path("openTime").asLong());
        assertEquals(true, minute.path("closed").asBoolean());
        assertEquals(closing, minute.path("journalIndex").asLong(), "closed by the ETH trade");

        // BTC did not trade in that batch, so nothing else came for it: its next trade's forming bar is next.
        final long marker =
            trade(harness.btcBinance, "101", "1", T0 + MINUTE + TradeCandles.CLOSE_DELAY_NANOS + SECOND);
        assertEquals(expectedForming(harness.btcBinance, marker), client.next());
        assertEquals(0, client.pending());
    }

    @Test
    void shouldSendNothingForInstrumentsNotSubscribed() throws InterruptedException
    {
        final TestClient client = subscribedToBtcCandles();
        for (int minute = 0; minute < 3; minute++)
        {
            trade(harness.ethBinance, "3000.5", "1", T0 + minute * MINUTE);
            trade(harness.btcOkx, "65001", "1", T0 + minute * MINUTE);
        }
        harness.publishAsOneBatch(() ->
        {
            trade(harness.ethBinance, "3001", "1", T0 + 6 * MINUTE);
            trade(harness.btcOkx, "65002", "1", T0 + 6 * MINUTE);
        });
        final long marker = trade(harness.btcBinance, "65000", "1", T0 + 6 * MINUTE);

        // Messages arrive in ring order: bars of the other instruments would have come before the marker's.
        assertEquals(expectedForming(harness.btcBinance, marker), client.next());
        assertEquals(0, client.pending());
    }

    @Test
    void shouldBuildBarsFromTradesPublishedBeforeAnyoneSubscribed()
    {
        trade(harness.btcBinance, "70000", "1", T0 + SECOND);
        trade(harness.btcBinance, "70100", "1", T0 + 2 * SECOND);
        final TestClient client = subscribedToBtcCandles();

        final long index = trade(harness.btcBinance, "69900", "1", T0 + 3 * SECOND);
        final String text = client.next();
        assertEquals(expectedForming(harness.btcBinance, index), text);
        final JsonNode bar = TestClient.parse(text);
        assertEquals("70000", bar.path("open").asText());
        assertEquals(3, bar.path("tradeCount").asLong());
    }

    @Test
    void shouldSendOnlyTheSubscribedIntervalsBarsOnAOneIntervalSubscription()
    {
        final TestClient fiveMinutes = harness.connect();
        final JsonNode reply = fiveMinutes.request("{\"op\":\"subscribe\",\"channel\":\"candles\"," +
            "\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\",\"interval\":\"5m\"}");
        assertEquals("subscribed", reply.path("type").asText(), reply.toString());
        assertEquals("5m", reply.path("interval").asText());
        final TestClient everyInterval = subscribedToBtcCandles();

        trade(harness.btcBinance, "100.5", "2", T0 + 10 * SECOND);
        trade(harness.btcBinance, "103", "1", T0 + MINUTE + 10 * SECOND);
        final long closing = trade(harness.btcBinance, "101", "1", T0 + 5 * MINUTE + 5 * SECOND);

        final JsonNode bar = TestClient.parse(fiveMinutes.next());
        assertEquals("M5", bar.path("interval").asText(), "no 1m bar, closed or forming, before it: " + bar);
        assertEquals(true, bar.path("closed").asBoolean());
        assertOhlcv(bar, "100.5", "103", "100.5", "103", "3", 2);
        assertEquals(closing, bar.path("journalIndex").asLong());
        assertEquals(0, fiveMinutes.pending());
        final List<String> intervals = new ArrayList<>();
        while (!intervals.contains("M5"))
        {
            intervals.add(TestClient.parse(everyInterval.next()).path("interval").asText());
        }
        assertTrue(intervals.contains("M1"), "the channel without an interval gets every bar: " + intervals);

        final JsonNode refused = fiveMinutes.request("{\"op\":\"subscribe\",\"channel\":\"trades\"," +
            "\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\",\"interval\":\"5m\"}");
        assertEquals("bad_interval", refused.path("code").asText(), refused.toString());
        final JsonNode unknown = fiveMinutes.request("{\"op\":\"subscribe\",\"channel\":\"candle\"," +
            "\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\",\"interval\":\"7m\"}");
        assertEquals("bad_interval", unknown.path("code").asText(), unknown.toString());
    }

    private TestClient subscribedToBtcCandles()
    {
        final TestClient client = harness.connect();
        final JsonNode reply = client.request(subscribe("candle", "BINANCE", "BTC-USDT"));
        assertEquals("subscribed", reply.path("type").asText(), reply.toString());
        assertEquals("candle", reply.path("channel").asText());
        return client;
    }

    /** Publishes a trade into the ring and feeds the same trade to the reference candles. */
    private long trade(final Instrument instrument, final String price, final String size, final long exchangeTime)
    {
        lastIndex = harness.publishTrade(instrument, price, size, exchangeTime);
        final MutableDecimal priceValue = AsciiDecimal.parse(price);
        final MutableDecimal sizeValue = AsciiDecimal.parse(size);
        reference.onTrade(instrument.id(), instrument.venue(), exchangeTime,
            exchangeTime + GatewayHarness.RECEIVE_LATENCY_NANOS, priceValue.mantissa(), priceValue.exponent(),
            sizeValue.mantissa(), sizeValue.exponent());
        return lastIndex;
    }

    /**
     * Checks that the trade at {@code index} made the client receive the bars it closed (of these intervals, each as
     * the reference closed it), then the forming minute.
     *
     * @return the closed bars received.
     */
    private List<JsonNode> assertClosedThenForming(
        final TestClient client, final long index, final List<String> closedIntervals)
    {
        final List<String> expected = new ArrayList<>(expectedClosed);
        assertEquals(closedIntervals.size(), expected.size(), "bars closed by the reference: " + expected);
        final List<JsonNode> closed = new ArrayList<>();
        for (int i = 0; i < closedIntervals.size(); i++)
        {
            final String text = client.next();
            assertEquals(expected.get(i), text);
            final JsonNode bar = TestClient.parse(text);
            assertEquals(closedIntervals.get(i), bar.path("interval").asText());
            assertEquals(index, bar.path("journalIndex").asLong());
            closed.add(bar);
        }
        expectedClosed.clear();
        assertEquals(expectedForming(harness.btcBinance, index), client.next());
        return closed;
    }

    /** Prices and volume as exact decimal strings, as the trades wrote them. */
    private static void assertOhlcv(
        final JsonNode bar, final String open, final String high, final String low, final String close,
        final String volume, final long tradeCount)
    {
        assertEquals(open, bar.path("open").asText(), "open");
        assertEquals(high, bar.path("high").asText(), "high");
        assertEquals(low, bar.path("low").asText(), "low");
        assertEquals(close, bar.path("close").asText(), "close");
        assertEquals(volume, bar.path("volume").asText(), "volume");
        assertEquals(tradeCount, bar.path("tradeCount").asLong(), "tradeCount");
    }

    private String expectedForming(final Instrument instrument, final long journalIndex)
    {
        final CandleBar bar = reference.live(instrument.id(), CandleInterval.M1, forming);
        assertNotNull(bar, "the reference has a forming bar");
        return render(bar, journalIndex);
    }

    private String render(final CandleBar bar, final long journalIndex)
    {
        bar.encode(encoded, 0);
        return rendered.getStringWithoutLengthUtf8(0, renderer.render(encoded, 0, journalIndex, rendered, 0));
    }
}
