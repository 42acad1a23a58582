package zvt.crypto.feed.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.json.JsonWriter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticTradeStreamTest
{
    private static final long NOW_MS = 1_767_225_600_000L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonWriter writer = new JsonWriter();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);

    @Test
    void shouldGenerateTheSameTradesForTheSameSeedAndSymbol()
    {
        final SimulatedInstrument btc = SimulatedInstrument.defaultFor("BTCUSDT");

        final List<String> first = generate(new SyntheticTradeStream(btc, 42), 500);
        final List<String> second = generate(new SyntheticTradeStream(btc, 42), 500);
        final List<String> otherSeed = generate(new SyntheticTradeStream(btc, 43), 500);

        assertEquals(first, second);
        assertNotEquals(first, otherSeed);
    }

    @Test
    void shouldWalkThePriceByWholeTicksWithBinanceFormattingAndConsecutiveIds() throws Exception
    {
        final SimulatedInstrument eth = new SimulatedInstrument("ETHUSDT", "3000.00", "0.01", "0.0001");
        final BigDecimal tick = new BigDecimal("0.01");
        JsonNode previous = null;
        for (final String payload : generate(new SyntheticTradeStream(eth, 1), 2_000))
        {
            final JsonNode trade = MAPPER.readTree(payload);
            assertEquals("trade", trade.get("e").textValue());
            assertEquals("ETHUSDT", trade.get("s").textValue());
            final String price = trade.get("p").textValue();
            final String quantity = trade.get("q").textValue();
            assertEquals(8, new BigDecimal(price).scale(), price);
            assertEquals(8, new BigDecimal(quantity).scale(), quantity);
            assertEquals(0, new BigDecimal(price).remainder(tick).signum(), price + " is not on a tick");
            assertTrue(new BigDecimal(quantity).signum() > 0, quantity);
            assertTrue(trade.get("T").longValue() <= trade.get("E").longValue());
            if (previous != null)
            {
                assertEquals(previous.get("t").longValue() + 1, trade.get("t").longValue());
                final BigDecimal step = new BigDecimal(price).subtract(new BigDecimal(previous.get("p").textValue()));
                assertTrue(step.abs().compareTo(tick) <= 0, "moved " + step + " in one trade");
            }
            previous = trade;
        }
    }

    private List<String> generate(final SyntheticTradeStream stream, final int count)
    {
        final List<String> payloads = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final int length = stream.nextTrade(writer, buffer, NOW_MS + i);
            payloads.add(buffer.getStringWithoutLengthAscii(0, length));
        }
        return payloads;
    }
}
