package zvt.crypto.feed.binance;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BinanceStreamsTest
{
    @Test
    void shouldMapNormalizedSymbolsToVenueSymbolsAndStreamNames()
    {
        assertEquals("BTCUSDT", BinanceStreams.venueSymbol("BTC-USDT"));
        assertEquals("btcusdt@trade", BinanceStreams.tradeStream("BTC-USDT"));
        assertEquals("1000SATSUSDT", BinanceStreams.venueSymbol("1000sats-usdt"));
    }

    @Test
    void shouldPutTheStreamsOfACombinedStreamInTheUrl()
    {
        assertEquals("wss://stream.binance.com:9443/stream?streams=btcusdt@trade/ethusdt@trade",
            BinanceStreams.combinedStreamUri("wss://stream.binance.com:9443/",
                List.of("btcusdt@trade", "ethusdt@trade")).toString());
    }

    @Test
    void shouldRejectSymbolsThatAreNotBaseDashQuote()
    {
        assertThrows(IllegalArgumentException.class, () -> BinanceStreams.venueSymbol("BTCUSDT"));
        assertThrows(IllegalArgumentException.class, () -> BinanceStreams.venueSymbol("BTC-"));
        assertThrows(IllegalArgumentException.class, () -> BinanceStreams.venueSymbol("A-B-C"));
    }
}
