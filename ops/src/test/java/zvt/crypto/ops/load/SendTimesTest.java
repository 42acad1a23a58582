package zvt.crypto.ops.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.agrona.concurrent.EpochNanoClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SendTimesTest
{
    private long now = 1_000;
    private final EpochNanoClock clock = () -> now;
    private final SendTimes sendTimes = new SendTimes(clock, Map.of(
        "OKX", List.of("BTC-USDT", "ETH-USDT"), "BYBIT", List.of("BTC-USDT")));

    @Test
    void shouldFindATradeByVenueSymbolAndIdWhateverTheSymbolsSeparatorsAndCase()
    {
        sendTimes.onTrade("okx", "BTC-USDT", 42);
        sendTimes.onSend();
        now = 2_000;
        sendTimes.onTrade("bybit", "SPOT:BTCUSDT", 42);
        sendTimes.onSend();

        assertEquals(1_000, sentAt("OKX", "BTC-USDT", 42));
        assertEquals(2_000, sentAt("BYBIT", "BTC-USDT", 42));
        assertEquals(SendTimes.UNKNOWN, sentAt("OKX", "ETH-USDT", 42));
        assertEquals(SendTimes.UNKNOWN, sentAt("OKX", "BTC-USDT", 43));
        assertEquals(SendTimes.UNKNOWN, sentAt("BINANCE", "BTC-USDT", 42));
    }

    @Test
    void shouldForgetATradeOnceItsSlotHoldsALaterOne()
    {
        sendTimes.onTrade("okx", "ETH-USDT", 7);
        sendTimes.onSend();
        now = 5_000;
        sendTimes.onTrade("okx", "ETH-USDT", 7 + (1 << 16));
        sendTimes.onSend();

        assertEquals(SendTimes.UNKNOWN, sentAt("OKX", "ETH-USDT", 7));
        assertEquals(5_000, sentAt("OKX", "ETH-USDT", 7 + (1 << 16)));
    }

    @Test
    void shouldTimeATradeWhenItsTickSendsItNotWhenItIsGenerated()
    {
        sendTimes.onTrade("okx", "BTC-USDT", 1);
        sendTimes.onTrade("okx", "BTC-USDT", 2);
        assertEquals(SendTimes.UNKNOWN, sentAt("OKX", "BTC-USDT", 1));

        now = 3_000;
        sendTimes.onSend();
        assertEquals(3_000, sentAt("OKX", "BTC-USDT", 1));
        assertEquals(3_000, sentAt("OKX", "BTC-USDT", 2));
    }

    private long sentAt(final String venue, final String symbol, final long tradeId)
    {
        final String prefix = "{\"venue\":\"";
        final String middle = "\",\"symbol\":\"";
        final ByteBuf content =
            Unpooled.copiedBuffer(prefix + venue + middle + symbol + "\"}", StandardCharsets.US_ASCII);
        final int venueAt = prefix.length();
        final int symbolAt = venueAt + venue.length() + middle.length();
        return sendTimes.sentAt(content, venueAt, venue.length(), symbolAt, symbol.length(), tradeId);
    }
}
