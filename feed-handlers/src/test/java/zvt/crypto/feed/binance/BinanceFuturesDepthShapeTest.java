package zvt.crypto.feed.binance;

import com.fasterxml.jackson.databind.JsonNode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.test.Fixtures;
import zvt.crypto.feed.book.LevelBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * USD-M futures diff depth has the spot shape plus {@code T} and {@code pu}: the payload pass reads every recorded
 * futures line exactly as the reference does. (Its sequencing differs — {@code pu} must equal the previous
 * {@code u} — and the spot feed does not subscribe futures, so futures books are not synchronized here.)
 */
class BinanceFuturesDepthShapeTest
{
    @Test
    void shouldReadEveryRecordedFuturesDepthUpdateLikeTheReference()
    {
        final BinancePayload payload = new BinancePayload();
        final List<String> lines = Fixtures.lines("binance/futures_usdm/depthUpdate.jsonl");
        for (final String line : lines)
        {
            final byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            assertNull(payload.parse(new UnsafeBuffer(bytes), 0, bytes.length), line);
            final JsonNode reference = ReferenceBinanceDecoder.payload(line);

            assertEquals(reference.get("U").longValue(), payload.id('U'), line);
            assertEquals(reference.get("u").longValue(), payload.id('u'), line);
            assertEquals(reference.get("T").longValue() * 1_000_000L, payload.millisAsNanos('T'), line);
            assertTrue(payload.levelsValid(), line);
            final List<String> expected = new ArrayList<>();
            reference.get("b").forEach(level -> expected.add("BUY " + level.get(0).textValue() + " " +
                level.get(1).textValue()));
            reference.get("a").forEach(level -> expected.add("SELL " + level.get(0).textValue() + " " +
                level.get(1).textValue()));
            assertEquals(expected, text(payload.levels()), line);
        }
        assertEquals(764, lines.size());
    }

    private static List<String> text(final LevelBuffer levels)
    {
        final List<String> text = new ArrayList<>();
        for (int i = 0; i < levels.count(); i++)
        {
            text.add(levels.side(i) + " " + AsciiDecimal.toString(levels.price(i), levels.priceExponent(i)) + " " +
                AsciiDecimal.toString(levels.size(i), levels.sizeExponent(i)));
        }
        return text;
    }
}
