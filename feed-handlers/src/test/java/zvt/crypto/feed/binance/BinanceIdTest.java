package zvt.crypto.feed.binance;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.feed.publish.VenueIds;
import zvt.crypto.feed.test.DecoderHarness;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;




/** Binance ids are signed 64-bit: 19-digit ids up to {@link Long#MAX_VALUE} are exact, anything larger is BAD_ID. */
class BinanceIdTest
{
    private static final String MAX = Long.toString(Long.MAX_VALUE);
    private static final String ABOVE_MAX = "9223372036854775808";

    private final DecoderHarness feed = new DecoderHarness(new BinanceAdapter())
        .instrument("BTCUSDT", 1, MarketType.SPOT);

    @AfterEach
    void close()
    {
        feed.close();
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(value = {
        "0,                      0",
        "7,                      7",
        "123456789012345678,     123456789012345678",  // 18 digits
        "999999999999999999,     999999999999999999",
        "1000000000000000000,    1000000000000000000", // 19 digits
        "1234567890123456789,    1234567890123456789",
        "9223372036854775799,    9223372036854775799",
        "9223372036854775806,    9223372036854775806",
        "9223372036854775807,    9223372036854775807", // Long.MAX_VALUE
        "9223372036854775808,    -1",                  // Long.MAX_VALUE + 1
        "9223372036854775810,    -1",
        "9300000000000000000,    -1",
        "9999999999999999999,    -1",
        "10000000000000000000,   -1",                  // 20 digits
        "18446744073709551616,   -1",
        "0000000000000000001,    1",                   // leading zeros within 19 digits
        "00000000000000000001,   -1",                  // ...but never more than 19 digits
        "-1,                     -1",
        "-,                      -1",
        "'',                     -1",
        "1.0,                    -1",
        "1e3,                    -1",
        "12a,                    -1",
        "' 1',                   -1"})
    void shouldParseIdsOfUpTo19DigitsExactlyAndRejectTheRest(final String text, final long expected)
    {
        // Digits between other bytes: the parse must stop at the given length.
        final byte[] framed = ("9" + text + "9").getBytes(StandardCharsets.US_ASCII);
        assertEquals(expected, VenueIds.parse(new UnsafeBuffer(framed), 1, text.length()));
    }

    @Test
    void shouldPublishAnAggregateTradeWithTheLargestIdThenDropItsRepeatAndRejectOneAboveIt()
    {
        deliver(aggTrade(MAX));
        deliver(aggTrade(MAX));
        deliver(aggTrade(ABOVE_MAX));
        deliver(aggTrade("18446744073709551616"));
        feed.close();

        final List<String> trades = feed.collector().lines("trade");
        assertEquals(1, trades.size());
        assertTrue(trades.getFirst().contains(" id=" + MAX + " "), trades.getFirst());
        assertEquals(1, feed.syncCounters().duplicates());
        assertEquals(2, feed.publisher().errors().count(BinanceFrameError.BAD_ID));
        assertEquals(4, feed.counters().events() + feed.counters().ignored() + feed.counters().decodeErrors());
    }

    @Test
    void shouldPublishTradesAndBookTickersWith19DigitIdsAndDropOlderOnes()
    {
        deliver(trade("1000000000000000001"));
        deliver(trade("1000000000000000000"));
        deliver(trade(ABOVE_MAX));
        deliver(bookTicker("9223372036854775806"));
        deliver(bookTicker(MAX));
        deliver(bookTicker("9223372036854775806"));
        deliver(bookTicker(ABOVE_MAX));
        feed.close();

        assertEquals(1, feed.collector().lines("trade").size());
        assertTrue(feed.collector().lines("trade").getFirst().contains(" id=1000000000000000001 "));
        assertEquals(3, feed.counters().events());
        assertEquals(2, feed.syncCounters().duplicates());
        assertEquals(2, feed.publisher().errors().count(BinanceFrameError.BAD_ID));
    }

    private void deliver(final String frame)
    {
        feed.deliver(frame);
    }

    private static String aggTrade(final String id)
    {
        return "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1700000000001,\"s\":\"BTCUSDT\"," +
            "\"a\":" + id + ",\"p\":\"42000.10\",\"q\":\"0.5\",\"f\":1,\"l\":2,\"T\":1700000000000,\"m\":true}}";
    }

    private static String trade(final String id)
    {
        return "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1700000000001,\"s\":\"BTCUSDT\"," +
            "\"t\":" + id + ",\"p\":\"42000.10\",\"q\":\"0.5\",\"T\":1700000000000,\"m\":false}}";
    }

    private static String bookTicker(final String updateId)
    {
        return "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":" + updateId + ",\"s\":\"BTCUSDT\"," +
            "\"b\":\"42000.10\",\"B\":\"1.5\",\"a\":\"42000.20\",\"A\":\"2\"}}";
    }
}
