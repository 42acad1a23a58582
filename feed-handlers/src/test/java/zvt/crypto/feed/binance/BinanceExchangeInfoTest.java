package zvt.crypto.feed.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.test.Fixtures;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BinanceExchangeInfoTest
{
    @Test
    void shouldReadTickAndLotSizesOfEveryRecordedSymbolAsTheReference() throws Exception
    {
        final String body = Fixtures.lines("binance/rest_exchangeInfo.jsonl").getFirst();

        final List<BinanceExchangeInfo.SymbolInfo> symbols = parse(body);

        final List<String> expected = new ArrayList<>();
        for (final JsonNode symbol : new ObjectMapper().readTree(body).get("symbols"))
        {
            String tick = "0";
            String step = "0";
            for (final JsonNode filter : symbol.get("filters"))
            {
                if ("PRICE_FILTER".equals(filter.get("filterType").textValue()))
                {
                    tick = new BigDecimal(filter.get("tickSize").textValue()).stripTrailingZeros().toPlainString();
                }
                if ("LOT_SIZE".equals(filter.get("filterType").textValue()))
                {
                    step = new BigDecimal(filter.get("stepSize").textValue()).stripTrailingZeros().toPlainString();
                }
            }
            expected.add(symbol.get("symbol").textValue() + " " + symbol.get("baseAsset").textValue() + "-" +
                symbol.get("quoteAsset").textValue() + " " + symbol.get("status").textValue() + " " + tick + " " +
                step);
        }
        assertEquals(expected, symbols.stream().map(info -> info.venueSymbol() + " " + info.symbol() + " " +
            info.status() + " " + plain(info.tickSize(), info.priceExponent()) + " " +
            plain(info.lotSize(), info.sizeExponent())).toList());
    }

    @Test
    void shouldRefineTheRegisteredInstrumentsAndTellTheListeners()
    {
        final InstrumentRegistry registry = new InstrumentRegistry();
        final Instrument eth = registry.intern(Venue.BINANCE, MarketType.SPOT, "ETHBTC", "ETH-BTC");
        final List<Instrument> told = new ArrayList<>();
        registry.addListener(told::add);

        final List<Instrument> refined =
            BinanceExchangeInfo.refine(registry, MarketType.SPOT, parse(Fixtures.lines("binance/rest_exchangeInfo.jsonl").getFirst()));

        final Instrument expected = new Instrument(eth.id(), Venue.BINANCE, MarketType.SPOT, "ETHBTC", "ETH-BTC",
            -6, -4, 1, 1);
        assertEquals(List.of(expected), refined);
        assertEquals(expected, registry.byIdOrNull(eth.id()));
        assertEquals(List.of(expected), told);
    }

    @Test
    void shouldRejectABodyThatIsNotExchangeInfo()
    {
        assertThrows(IllegalArgumentException.class, () -> parse("{\"symbols\":[{\"status\":\"TRADING\"}]}"));
        assertThrows(IllegalArgumentException.class, () -> parse("[1]"));
    }

    private static String plain(final long mantissa, final int exponent)
    {
        return BigDecimal.valueOf(mantissa, -exponent).stripTrailingZeros().toPlainString();
    }

    private static List<BinanceExchangeInfo.SymbolInfo> parse(final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return BinanceExchangeInfo.parse(new UnsafeBuffer(bytes), 0, bytes.length);
    }
}
