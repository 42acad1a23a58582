package zvt.crypto.ops.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import zvt.crypto.ops.load.TradeSubscriber.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SubscriberScopeTest
{
    private static final Map<String, List<String>> SYMBOLS = new LinkedHashMap<>();

    static
    {
        SYMBOLS.put("BINANCE", List.of("BTC-USDT", "ETH-USDT"));
        SYMBOLS.put("COINBASE", List.of("BTC-USD", "ETH-USD"));
    }

    @Test
    void shouldGiveEverySubscriberEveryVenuesTrades()
    {
        assertEquals(List.of(new Stream("BINANCE", "*"), new Stream("COINBASE", "*")),
            SubscriberScope.ALL.streams(7, SYMBOLS));
    }

    @Test
    void shouldDealOneSymbolEachOverTheVenuesFirstThenTheirSymbolsAndAroundAgain()
    {
        final List<Stream> dealt = new ArrayList<>();
        for (int subscriber = 0; subscriber < 5; subscriber++)
        {
            final List<Stream> streams = SubscriberScope.SYMBOL.streams(subscriber, SYMBOLS);
            assertEquals(1, streams.size());
            dealt.add(streams.get(0));
        }
        assertEquals(List.of(
            new Stream("BINANCE", "BTC-USDT"), new Stream("COINBASE", "BTC-USD"),
            new Stream("BINANCE", "ETH-USDT"), new Stream("COINBASE", "ETH-USD"),
            new Stream("BINANCE", "BTC-USDT")), dealt);
    }
}
