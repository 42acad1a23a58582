package zvt.crypto.feed.okx;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.feed.book.BookChecksum;
import zvt.crypto.feed.book.BookFields;
import zvt.crypto.feed.test.DecoderHarness;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OKX's CRC32 book checksum through the project's own book: every recorded book message that carries a non-zero
 * checksum verifies, both when the recordings run through the feed's book sync (decoder, OKX rule, checksum hook) and
 * when the levels are read independently with Jackson.
 */
class OkxBookChecksumTest
{
    @Test
    void shouldVerifyEveryRecordedNonZeroChecksumThroughTheFeedsBookSync()
    {
        long verified = 0;
        long mismatches = 0;
        long carried = 0;
        int files = 0;
        for (final Path file : OkxRecordings.files("**.jsonl"))
        {
            final List<OkxRecordings.Line> lines = OkxRecordings.lines(file).stream()
                .filter(l -> isBook(l.text())).toList();
            if (lines.isEmpty())
            {
                continue;
            }
            files++;
            carried += lines.stream().filter(l -> ReferenceOkxDecoder.tree(l.text()).get("data").get(0)
                .path("checksum").asInt(0) != 0).count();
            final long[] counts = new long[2];
            final DecoderHarness harness = new DecoderHarness(new PassThroughOkxAdapter(false,
                () -> new CountingChecksum(new OkxBookChecksum(), counts)));
            try (harness)
            {
                final Map<String, Integer> ids = new HashMap<>();
                for (final OkxRecordings.Line line : lines)
                {
                    final String instId = ReferenceOkxDecoder.instId(line.text());
                    if (!ids.containsKey(instId))
                    {
                        ids.put(instId, ids.size() + 1);
                        harness.instrument(instId, ids.size(), OkxDecoderTest.marketType(instId));
                    }
                    harness.deliver(line.text());
                }
                assertEquals(0, harness.syncCounters().gaps(), file.toString());
            }
            assertTrue(harness.collector().lines().stream().noneMatch(l -> l.contains("GAP_DETECTED")),
                file.toString());
            verified += counts[0];
            mismatches += counts[1];
        }
        System.out.printf("OKX checksums: %d of %d recorded non-zero checksums verified through the book sync in %d " +
            "files, %d mismatches%n", verified, carried, files, mismatches);
        assertTrue(verified > 4_000, "checksums verified: " + verified);
        assertEquals(carried, verified);
        assertEquals(0, mismatches);
    }

    @Test
    void shouldVerifyEveryRecordedNonZeroChecksumOnLevelsReadWithJackson()
    {
        long verified = 0;
        for (final Path file : OkxRecordings.files("**.jsonl"))
        {
            final Map<String, OkxBookChecksum> books = new HashMap<>();
            for (final OkxRecordings.Line line : OkxRecordings.lines(file))
            {
                if (!isBook(line.text()))
                {
                    continue;
                }
                final JsonNode root = ReferenceOkxDecoder.tree(line.text());
                final JsonNode entry = root.get("data").get(0);
                final OkxBookChecksum checksum =
                    books.computeIfAbsent(root.get("arg").get("instId").textValue(), k -> new OkxBookChecksum());
                checksum.apply(fields(root.get("action").textValue().equals("snapshot"), entry));
                final int expected = entry.path("checksum").asInt(0);
                if (expected != 0)
                {
                    assertEquals(expected, checksum.value(), line.toString());
                    verified++;
                }
            }
        }
        assertTrue(verified > 4_000, "checksums verified: " + verified);
    }

    @Test
    void shouldComputeTheWorkedExampleOfTheProtocolNotes()
    {
        final OkxBookChecksum checksum = new OkxBookChecksum();
        final BookFields book = new BookFields().reset(1, true);
        level(book, Side.SELL, "0.038", "200");
        level(book, Side.SELL, "0.0385", "1550");
        level(book, Side.SELL, "0.0395", "2888");
        level(book, Side.SELL, "0.0435", "1500");
        level(book, Side.BUY, "0.035", "1550");
        level(book, Side.BUY, "0.031", "200");
        level(book, Side.BUY, "0.0305", "2888");
        level(book, Side.BUY, "0.0285", "1500");
        level(book, Side.BUY, "0.026", "500");
        checksum.apply(book);
        assertEquals(crc("0.035:1550:0.038:200:0.031:200:0.0385:1550:0.0305:2888:0.0395:2888:0.0285:1500:" +
            "0.0435:1500:0.026:500"), checksum.value());
        assertEquals(750243667, checksum.value());
        assertTrue(checksum.matches(750243667));
    }

    @Test
    void shouldMatchLevelsByNumericPriceKeepTheLastSpellingAndRemoveOnZero()
    {
        final OkxBookChecksum checksum = new OkxBookChecksum();
        final BookFields book = new BookFields().reset(1, true);
        level(book, Side.BUY, "8476.1", "1");
        level(book, Side.BUY, "8476", "2");
        level(book, Side.SELL, "8477", "3");
        checksum.apply(book);
        final BookFields update = new BookFields().reset(1, false);
        level(update, Side.BUY, "8476.10", "4");
        level(update, Side.BUY, "8476.00", "0");
        level(update, Side.SELL, "9000", "0");
        checksum.apply(update);
        assertEquals(1, checksum.depth(Side.BUY));
        assertEquals(crc("8476.10:4:8477:3"), checksum.value());
        checksum.clear();
        assertEquals(crc(""), checksum.value());
    }

    @Test
    void shouldEqualANaiveBookRenderedAfresh()
    {
        // Random snapshots, inserts, updates and removals deep enough to grow the ladders and reuse freed text slots;
        // one price in fifty is an integer with 60 trailing zeros (a bid then tops the book), too long for a level's
        // kept text.
        final Random random = new Random(7);
        final OkxBookChecksum checksum = new OkxBookChecksum();
        final Map<Side, TreeMap<BigDecimal, String[]>> naive = Map.of(
            Side.BUY, new TreeMap<>(Comparator.reverseOrder()), Side.SELL, new TreeMap<>());
        for (int message = 0; message < 5_000; message++)
        {
            final boolean snapshot = message % 1_000 == 0;
            final BookFields book = new BookFields().reset(1, snapshot);
            if (snapshot)
            {
                naive.values().forEach(Map::clear);
            }
            for (int i = 0, levels = snapshot ? 200 : 1 + random.nextInt(6); i < levels; i++)
            {
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                final int ticks = side == Side.BUY ? 1 + random.nextInt(150) : 151 + random.nextInt(150);
                final String price = random.nextInt(50) == 0 ?
                    ticks + "0".repeat(60) : BigDecimal.valueOf(ticks, 1).toPlainString();
                final String size = random.nextInt(4) == 0 && !snapshot ? "0" : String.valueOf(1 + random.nextInt(999));
                level(book, side, price, size);
                if (size.equals("0"))
                {
                    naive.get(side).remove(new BigDecimal(price).stripTrailingZeros());
                }
                else
                {
                    naive.get(side).put(new BigDecimal(price).stripTrailingZeros(), new String[] {price, size});
                }
            }
            checksum.apply(book);

            final List<String[]> bids = List.copyOf(naive.get(Side.BUY).values());
            final List<String[]> asks = List.copyOf(naive.get(Side.SELL).values());
            final StringJoiner text = new StringJoiner(":");
            for (int i = 0; i < OkxBookChecksum.DEPTH; i++)
            {
                if (i < bids.size())
                {
                    text.add(bids.get(i)[0] + ":" + bids.get(i)[1]);
                }
                if (i < asks.size())
                {
                    text.add(asks.get(i)[0] + ":" + asks.get(i)[1]);
                }
            }
            assertEquals(crc(text.toString()), checksum.value(), "message " + message);
        }
    }

    @Test
    void shouldCompareDecimalsOfDifferentExponentsNumerically()
    {
        assertEquals(0, OkxBookChecksum.compare(84761, -1, 847610, -2));
        assertTrue(OkxBookChecksum.compare(84761, -1, 8477, 0) < 0);
        assertTrue(OkxBookChecksum.compare(1, 30, Long.MAX_VALUE, 0) > 0);
        assertTrue(OkxBookChecksum.compare(Long.MAX_VALUE, 0, 1, 30) < 0);
        assertEquals(0, OkxBookChecksum.compare(0, 5, 0, -3));
    }

    /** A push of a book channel (not a subscription or request naming one). */
    private static boolean isBook(final String text)
    {
        if (!text.contains("\"action\""))
        {
            return false;
        }
        final JsonNode root = ReferenceOkxDecoder.tree(text);
        final String channel = root == null ? "" : root.path("arg").path("channel").asText("");
        return root.path("data").isArray() &&
            (channel.equals("books") || channel.equals("books-l2-tbt") || channel.equals("books50-l2-tbt"));
    }

    private static BookFields fields(final boolean snapshot, final JsonNode entry)
    {
        final BookFields book = new BookFields().reset(1, snapshot);
        for (final JsonNode level : entry.get("bids"))
        {
            level(book, Side.BUY, level.get(0).textValue(), level.get(1).textValue());
        }
        for (final JsonNode level : entry.get("asks"))
        {
            level(book, Side.SELL, level.get(0).textValue(), level.get(1).textValue());
        }
        return book;
    }

    private static void level(final BookFields book, final Side side, final String price, final String size)
    {
        final MutableDecimal p = AsciiDecimal.parse(price);
        final MutableDecimal s = AsciiDecimal.parse(size);
        book.levels().add(side, p.mantissa(), p.exponent(), s.mantissa(), s.exponent());
    }

    private static int crc(final String text)
    {
        final CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return (int)crc.getValue();
    }

    /** Counts the checksums the book sync verifies ({@code counts[0]}) and the mismatches ({@code counts[1]}). */
    private record CountingChecksum(OkxBookChecksum checksum, long[] counts) implements BookChecksum
    {
        public void apply(final BookFields message)
        {
            checksum.apply(message);
        }

        public boolean matches(final int expected)
        {
            counts[0]++;
            final boolean matches = checksum.matches(expected);
            counts[1] += matches ? 0 : 1;
            return matches;
        }

        public void clear()
        {
            checksum.clear();
        }
    }
}
