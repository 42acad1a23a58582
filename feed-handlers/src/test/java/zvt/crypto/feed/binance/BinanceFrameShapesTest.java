package zvt.crypto.feed.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.feed.test.DecoderHarness;
import zvt.crypto.feed.test.Recordings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decoder's fast path (compact frames as Binance writes them) and its fallback (anything else valid) give the
 * same events: every recording decoded as recorded, with every object's keys in reverse order, and pretty-printed
 * (spaces and line breaks), must publish the same lines (a book message's levels compared as a set); and numbers of
 * every length read as the reference reads them.
 */
class BinanceFrameShapesTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Path> streamRecordings()
    {
        return BinanceDecoderTest.streamRecordings().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamRecordings")
    void shouldPublishTheSameEventsWhateverTheKeyOrderAndWhitespace(final Path file)
    {
        final List<String> frames = Recordings.lines(file);
        final MarketType marketType = file.toString().contains("/futures_") ? MarketType.PERPETUAL : MarketType.SPOT;
        final List<String> recorded = decode(frames, marketType);
        assertTrue(!recorded.isEmpty(), "events from " + file);

        assertEquals(recorded, decode(transform(frames, tree -> JSON.writeValueAsString(reversed(tree))), marketType),
            "keys reversed");
        assertEquals(recorded, decode(transform(frames, JSON.writerWithDefaultPrettyPrinter()::writeValueAsString),
            marketType), "pretty-printed");
    }

    /**
     * Trade ids of 1 to 20 digits, prices and sizes of 1 to 20 characters (any dot position, leading zeros, some with
     * an exponent): each is published with the reference's value, or rejected where it does not fit a long or 18
     * significant digits.
     */
    @Test
    void shouldReadNumbersOfEveryLengthAsTheReference()
    {
        final SplittableRandom random = new SplittableRandom(20261204L);
        final Map<Integer, String[]> accepted = new LinkedHashMap<>();
        long rejected = 0;
        try (DecoderHarness feed = new DecoderHarness(new BinanceAdapter()))
        {
            int instrumentId = 0;
            for (int length = 1; length <= 20; length++)
            {
                for (int i = 0; i < 25; i++)
                {
                    // A new instrument per frame: ids of any length are never older than the one before.
                    final String symbol = "S" + ++instrumentId;
                    feed.instrument(symbol, instrumentId, MarketType.SPOT);
                    final String[] numbers = {digits(random, length, false), decimal(random, length),
                        decimal(random, 1 + random.nextInt(20))};
                    feed.deliver("{\"stream\":\"s@trade\",\"data\":{\"e\":\"trade\",\"E\":1,\"s\":\"" + symbol +
                        "\",\"t\":" + numbers[0] + ",\"p\":\"" + numbers[1] + "\",\"q\":\"" + numbers[2] +
                        "\",\"T\":1700000000000,\"m\":true,\"M\":true}}");
                    if (fitsLong(numbers[0]) && fitsDecimal(numbers[1]) && fitsDecimal(numbers[2]))
                    {
                        accepted.put(instrumentId, numbers);
                    }
                    else
                    {
                        rejected++;
                    }
                }
            }
            feed.close();

            assertEquals(rejected, feed.counters().decodeErrors());
            final List<String> trades = feed.collector().lines("trade");
            assertEquals(accepted.size(), trades.size());
            assertTrue(rejected > 0 && accepted.size() > 300, accepted.size() + " accepted, " + rejected + " rejected");
            for (final String line : trades)
            {
                final String[] numbers = accepted.get(Integer.parseInt(line.split(" ")[1]));
                final String frame = String.join(" ", numbers) + " -> " + line;
                assertEquals(new BigInteger(numbers[0]).toString(), field(line, "id"), frame);
                assertEquals(0, new BigDecimal(numbers[1]).compareTo(new BigDecimal(field(line, "p"))), frame);
                assertEquals(0, new BigDecimal(numbers[2]).compareTo(new BigDecimal(field(line, "q"))), frame);
            }
        }
    }

    /** Decodes the frames on a fresh feed, answering each depth book with an empty snapshot its updates follow. */
    private static List<String> decode(final List<String> frames, final MarketType marketType)
    {
        try (DecoderHarness feed = new DecoderHarness(new BinanceAdapter()))
        {
            feed.session(1, marketType == MarketType.PERPETUAL ? BinanceAdapter.USD_M : BinanceAdapter.SPOT);
            final Map<String, Integer> ids = new LinkedHashMap<>();
            final Map<Integer, Long> firstUpdateId = new LinkedHashMap<>();
            for (final String frame : frames)
            {
                final JsonNode payload = ReferenceBinanceDecoder.payload(frame);
                if (payload.has("s"))
                {
                    final int id = ids.computeIfAbsent(payload.get("s").textValue(), symbol ->
                    {
                        feed.instrument(symbol, ids.size() + 1, marketType);
                        return ids.size() + 1;
                    });
                    if ("depthUpdate".equals(payload.path("e").asText()))
                    {
                        firstUpdateId.putIfAbsent(id, payload.get("U").longValue());
                    }
                }
                feed.deliver(frame);
            }
            firstUpdateId.forEach((id, first) -> feed.answer(id, "{\"lastUpdateId\":" +
                (marketType == MarketType.PERPETUAL ? first : first - 1) + ",\"bids\":[],\"asks\":[]}"));
            feed.close();
            final List<String> lines = new ArrayList<>(
                feed.collector().lines().stream().map(BinanceFrameShapesTest::levelsSorted).toList());
            lines.add("errors=" + feed.counters().decodeErrors() + " ignored=" + feed.counters().ignored());
            return lines;
        }
    }

    /** Writes a tree back as text. */
    @FunctionalInterface
    private interface Writer
    {
        String write(JsonNode tree) throws IOException;
    }

    private static List<String> transform(final List<String> frames, final Writer writer)
    {
        final List<String> changed = new ArrayList<>();
        for (final String frame : frames)
        {
            try
            {
                changed.add(writer.write(JSON.readTree(frame)));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        return changed;
    }

    /** Every object's keys in reverse order, nested objects included. */
    private static JsonNode reversed(final JsonNode node)
    {
        if (!node.isObject())
        {
            return node;
        }
        final List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        for (final Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); )
        {
            fields.add(it.next());
        }
        final ObjectNode result = JSON.createObjectNode();
        for (int i = fields.size() - 1; i >= 0; i--)
        {
            result.set(fields.get(i).getKey(), reversed(fields.get(i).getValue()));
        }
        return result;
    }

    /** A book line with its levels sorted: reversed keys put {@code a} before {@code b}; levels keep frame order. */
    private static String levelsSorted(final String line)
    {
        final int open = line.indexOf('[');
        if (open < 0)
        {
            return line;
        }
        final List<String> levels =
            new ArrayList<>(List.of(line.substring(open + 1, line.lastIndexOf(']')).split(";")));
        levels.sort(null);
        return line.substring(0, open + 1) + String.join(";", levels) + "]";
    }

    private static String field(final String line, final String name)
    {
        final int start = line.indexOf(" " + name + "=") + name.length() + 2;
        final int end = line.indexOf(' ', start);
        return line.substring(start, end < 0 ? line.length() : end);
    }

    private static boolean fitsLong(final String digits)
    {
        return digits.length() <= 19 && new BigInteger(digits).compareTo(BigInteger.valueOf(Long.MAX_VALUE)) <= 0;
    }

    /** At most 18 significant digits (integers may have more as trailing zeros, kept in the exponent). */
    private static boolean fitsDecimal(final String text)
    {
        final BigDecimal value = new BigDecimal(text);
        return value.unscaledValue().abs().toString().length() <= AsciiDecimal.MAX_SIGNIFICANT_DIGITS ||
            !text.contains(".") && !text.contains("e") &&
            value.stripTrailingZeros().precision() <= AsciiDecimal.MAX_SIGNIFICANT_DIGITS;
    }

    private static String digits(final SplittableRandom random, final int length, final boolean leadingZeros)
    {
        final StringBuilder text = new StringBuilder();
        text.append((char)((leadingZeros ? '0' : '1') + random.nextInt(leadingZeros ? 10 : 9)));
        for (int i = 1; i < length; i++)
        {
            text.append((char)('0' + random.nextInt(10)));
        }
        return text.toString();
    }

    /** {@code length} characters: digits (leading zeros allowed) with a dot inside, or without; 1 in 8 ends e-3. */
    private static String decimal(final SplittableRandom random, final int length)
    {
        final StringBuilder text = new StringBuilder(digits(random, length, true));
        if (length > 2 && random.nextInt(4) != 0)
        {
            text.setCharAt(1 + random.nextInt(length - 2), '.');
        }
        if (random.nextInt(8) == 0)
        {
            text.append("e-3");
        }
        return text.toString();
    }
}
